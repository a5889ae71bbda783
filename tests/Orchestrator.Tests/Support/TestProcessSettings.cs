using System.Runtime.CompilerServices;
using Orchestrator.Models.Quantization;

namespace Orchestrator.Tests.Support;

/// <summary>Process-wide settings of the test run, applied before any test code runs.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// The suite starts about 160 embedders (every runtime, deployment and CLI run loads its own), so
    /// the model bytes and their int8 quantization are made once per process instead of once per
    /// load (see <see cref="MiniLmOnnxEncoder.ReuseModelBytesInProcess"/>). The tests of the load
    /// path's memory behaviour pass their own loader and are unaffected.
    /// </summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "The test assembly is only loaded by the test host; the setting must precede the first runtime any test starts.")]
    internal static void Apply() => MiniLmOnnxEncoder.ReuseModelBytesInProcess = true;
}
