namespace Orchestrator.Routing;

/// <summary>
/// Binary (de)serialisation of <see cref="SemanticRouterModel"/>. The file starts with the cache
/// key it was written for, so a file renamed or left over from other inputs is never trusted.
/// </summary>
internal static class SemanticRouterModelFile
{
    private const int Magic = 0x5253524F; // "ORSR"

    public static void Write(string path, string key, SemanticRouterModel model)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        using (var stream = File.Create(temp))
        using (var w = new BinaryWriter(stream))
        {
            w.Write(Magic);
            w.Write(SemanticRouter.FormatVersion);
            w.Write(key);
            w.Write(model.RouteNames.Count);
            foreach (var name in model.RouteNames)
            {
                w.Write(name);
            }

            w.Write(model.HasNegativeClass);
            w.Write(model.Head.Classes);
            w.Write(model.Head.Dimensions);
            WriteFloats(w, model.Head.Weights);
            WriteFloats(w, model.Head.Bias);
            w.Write(model.Head.NgramBuckets);
            w.Write(model.Head.WordBigrams);
            WriteFloats(w, model.Head.NgramWeights);
            w.Write(model.Temperature);
            WriteFloats(w, model.Examples.Vectors);
            w.Write(model.Examples.GroupStarts.Length);
            foreach (var start in model.Examples.GroupStarts)
            {
                w.Write(start);
            }

            WriteFloats(w, model.NegativeExamples.Vectors);
            w.Write(model.Neighbours);
            w.Write(model.NeighbourRoutes);
            w.Write((int)model.Evidence);
            w.Write(model.Stacker is not null);
            if (model.Stacker is { } s)
            {
                WriteFloats(w, s.Mean);
                WriteFloats(w, s.Scale);
                WriteFloats(w, s.Weights);
                w.Write(s.Bias);
            }

            w.Write(model.Threshold);
            w.Write(model.NeighbourVoteWeight);
            w.Write(model.CrossValidation.Count);
            foreach (var cv in model.CrossValidation)
            {
                w.Write((int)cv.Evidence);
                w.Write(cv.Threshold);
                w.Write(cv.InScopeAccuracy);
                w.Write(cv.OutOfScopeRecall.HasValue);
                w.Write(cv.OutOfScopeRecall ?? 0);
                w.Write(cv.RouteAccuracy);
                w.Write(cv.HeldOutRouteRecall.HasValue);
                w.Write(cv.HeldOutRouteRecall ?? 0);
            }

            w.Write(model.BackgroundExamples);

            var routeIndex = model.RouteNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
            w.Write(model.Confusions.Count);
            foreach (var c in model.Confusions)
            {
                w.Write(routeIndex[c.Expected]);
                w.Write(routeIndex[c.RoutedTo]);
                w.Write(c.Count);
                w.Write(c.Examples);
            }

            w.Write(Magic); // Trailer: a truncated file fails here rather than loading half a model.
        }

        // Write-then-rename so a concurrent reader never sees a half-written file.
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The stored model, or null when the file is missing, damaged, or for other inputs.</summary>
    public static SemanticRouterModel? TryRead(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream);
            if (r.ReadInt32() != Magic || r.ReadInt32() != SemanticRouter.FormatVersion || r.ReadString() != key)
            {
                return null;
            }

            var routeCount = r.ReadInt32();
            var names = new string[routeCount];
            for (var i = 0; i < routeCount; i++)
            {
                names[i] = r.ReadString();
            }

            var hasNegativeClass = r.ReadBoolean();
            var classes = r.ReadInt32();
            var dims = r.ReadInt32();
            var weights = ReadFloats(r);
            var bias = ReadFloats(r);
            var ngramBuckets = r.ReadInt32();
            var wordBigrams = r.ReadBoolean();
            var ngramWeights = ReadFloats(r);
            var temperature = r.ReadSingle();
            var examples = ReadFloats(r);
            var groupCount = r.ReadInt32();
            if (groupCount != routeCount + 1)
            {
                return null;
            }

            var groupStarts = new int[groupCount];
            for (var i = 0; i < groupCount; i++)
            {
                groupStarts[i] = r.ReadInt32();
            }

            var negatives = ReadFloats(r);
            var neighbours = r.ReadInt32();
            var neighbourRoutes = r.ReadInt32();
            var evidence = (OutOfScopeEvidence)r.ReadInt32();
            InScopeStacker? stacker = null;
            if (r.ReadBoolean())
            {
                stacker = new InScopeStacker(ReadFloats(r), ReadFloats(r), ReadFloats(r), r.ReadSingle());
            }

            var threshold = r.ReadSingle();
            var neighbourVote = r.ReadSingle();
            var cvCount = r.ReadInt32();
            var cv = new List<EvidenceCrossValidation>();
            for (var i = 0; i < cvCount; i++)
            {
                var ev = (OutOfScopeEvidence)r.ReadInt32();
                var t = r.ReadDouble();
                var acc = r.ReadDouble();
                var hasRecall = r.ReadBoolean();
                var recall = r.ReadDouble();
                var routeAccuracy = r.ReadDouble();
                var hasHeldOut = r.ReadBoolean();
                var heldOut = r.ReadDouble();
                cv.Add(new EvidenceCrossValidation(ev, t, acc, hasRecall ? recall : null, routeAccuracy) { HeldOutRouteRecall = hasHeldOut ? heldOut : null });
            }

            var backgroundExamples = r.ReadInt32();

            var confusionCount = r.ReadInt32();
            if (confusionCount < 0 || confusionCount > routeCount * routeCount)
            {
                return null;
            }

            var confusions = new List<RouteConfusion>();
            for (var i = 0; i < confusionCount; i++)
            {
                int expected = r.ReadInt32(), routed = r.ReadInt32(), count = r.ReadInt32(), total = r.ReadInt32();
                if ((uint)expected >= (uint)routeCount || (uint)routed >= (uint)routeCount || count < 0 || total < count)
                {
                    return null;
                }

                confusions.Add(new RouteConfusion(names[expected], names[routed], count, total));
            }

            var consistent = r.ReadInt32() == Magic
                && classes == routeCount + (hasNegativeClass ? 1 : 0)
                && dims > 0 && weights.Length == classes * dims && bias.Length == classes
                && ngramBuckets >= 0 && ngramWeights.LongLength == (long)ngramBuckets * classes
                && examples.Length % dims == 0 && groupStarts[0] == 0 && groupStarts[^1] == examples.Length / dims
                && groupStarts.Zip(groupStarts.Skip(1)).All(p => p.First <= p.Second) && negatives.Length % dims == 0
                && float.IsFinite(temperature) && temperature > 0
                && float.IsFinite(neighbourVote) && neighbourVote >= 0
                && Enum.IsDefined(evidence) && backgroundExamples >= 0
                && (stacker is null || (stacker.Mean.Length == InScopeStacker.FeatureCount && stacker.Scale.Length == InScopeStacker.FeatureCount && stacker.Weights.Length == InScopeStacker.FeatureCount));
            if (!consistent)
            {
                return null;
            }

            var model = new SemanticRouterModel
            {
                RouteNames = names,
                HasNegativeClass = hasNegativeClass,
                Head = new SoftmaxHead(classes, dims, weights, bias, ngramBuckets, ngramWeights, wordBigrams),
                Temperature = temperature,
                Examples = new NeighbourIndex(examples, dims, groupStarts),
                NegativeExamples = new NeighbourIndex(negatives, dims),
                Neighbours = neighbours,
                NeighbourRoutes = neighbourRoutes,
                Evidence = evidence,
                Stacker = stacker,
                Threshold = threshold,
                NeighbourVoteWeight = neighbourVote,
                CrossValidation = cv,
                Confusions = confusions,
                BackgroundExamples = backgroundExamples,
            };

            // A NaN or infinity anywhere would surface as a NaN confidence or score in a response.
            return IsFinite(model) ? model : null;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or InvalidDataException or ArgumentException
            or OverflowException or OutOfMemoryException or UnauthorizedAccessException or FormatException)
        {
            return null; // A damaged cache is only a missed shortcut: the caller refits and overwrites it.
        }
    }

    /// <summary>
    /// True when every number in the model is finite (and the temperature and the stacker's scales
    /// are positive), i.e. nothing in it can turn a routing decision into NaN.
    /// </summary>
    public static bool IsFinite(SemanticRouterModel model) =>
        AllFinite(model.Head.Weights) && AllFinite(model.Head.Bias) && AllFinite(model.Head.NgramWeights)
        && float.IsFinite(model.Temperature) && model.Temperature > 0
        && AllFinite(model.Examples.Vectors) && AllFinite(model.NegativeExamples.Vectors)
        && float.IsFinite(model.Threshold) && float.IsFinite(model.NeighbourVoteWeight) && model.NeighbourVoteWeight >= 0
        && (model.Stacker is not { } s
            || (AllFinite(s.Mean) && AllFinite(s.Scale) && Array.TrueForAll(s.Scale, x => x > 0) && AllFinite(s.Weights) && float.IsFinite(s.Bias)))
        && model.CrossValidation.All(cv => double.IsFinite(cv.Threshold) && double.IsFinite(cv.InScopeAccuracy)
            && double.IsFinite(cv.OutOfScopeRecall ?? 0) && double.IsFinite(cv.RouteAccuracy) && double.IsFinite(cv.HeldOutRouteRecall ?? 0));

    private static bool AllFinite(float[] values) => Array.TrueForAll(values, float.IsFinite);

    private static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);

        // One block write: the n-gram weights of a large fit are millions of floats.
        if (BitConverter.IsLittleEndian)
        {
            w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static float[] ReadFloats(BinaryReader r)
    {
        var length = r.ReadInt32();
        if (length < 0 || length > (r.BaseStream.Length - r.BaseStream.Position) / sizeof(float))
        {
            throw new InvalidDataException("Array length is out of range.");
        }

        var values = new float[length];
        if (BitConverter.IsLittleEndian)
        {
            r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }

        for (var i = 0; i < length; i++)
        {
            values[i] = r.ReadSingle();
        }

        return values;
    }
}
