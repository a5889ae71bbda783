namespace Orchestrator.Tools;

/// <summary>The small English word lists <see cref="ToolActionPhrase"/> reads tool names with.</summary>
internal static class ToolPhraseWords
{
    /// <summary>Verbs a tool name starts with; a name that starts otherwise ("weather_lookup") is no verb phrase.</summary>
    public static readonly HashSet<string> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "accept", "add", "allocate", "analyze", "analyse", "apply", "approve", "archive", "assign", "attach", "authorize", "block",
        "book", "calculate", "cancel", "change", "charge", "check", "clear", "close", "compare", "compute", "configure", "confirm",
        "connect", "convert", "copy", "count", "create", "decline", "delete", "deploy", "describe", "detect", "disable", "download",
        "draft", "edit", "email", "enable", "end", "enroll", "escalate", "estimate", "evaluate", "explain", "export", "extend",
        "fetch", "file", "find", "flag", "forward", "generate", "get", "grant", "import", "invite", "issue", "join", "launch",
        "list", "load", "lock", "log", "look", "lookup", "make", "mark", "merge", "modify", "move", "notify", "open", "order",
        "pause", "pay", "place", "plan", "post", "predict", "print", "process", "publish", "purchase", "put", "query", "raise",
        "read", "rebook", "record", "redeem", "refresh", "refund", "register", "reject", "release", "reload", "remind", "remove",
        "rename", "renew", "reopen", "reply", "report", "request", "reschedule", "reserve", "reset", "resolve", "restart",
        "restore", "resume", "retrieve", "return", "review", "revoke", "rotate", "run", "save", "scan", "schedule", "search",
        "send", "set", "share", "show", "sign", "start", "stop", "submit", "subscribe", "suggest", "summarize", "summarise",
        "suspend", "sync", "tag", "track", "transfer", "translate", "transcribe", "unblock", "unlock", "unsubscribe", "update",
        "upgrade", "upload", "validate", "verify", "view", "withdraw", "write",
    };

    /// <summary>Verbs that make something new, so the object takes "a"/"an" ("open a ticket"); others take "the".</summary>
    public static readonly HashSet<string> MakingVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "add", "book", "create", "draft", "file", "generate", "issue", "launch", "log", "make", "open", "place", "plan", "post",
        "raise", "record", "register", "request", "reserve", "schedule", "send", "start", "submit", "write",
    };

    /// <summary>Where the object's noun group ends ("get_balance_for_employee": the head is "balance").</summary>
    public static readonly HashSet<string> Prepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "at", "between", "by", "for", "from", "in", "into", "of", "off", "on", "per", "to", "via", "with",
    };

    /// <summary>Words that already determine the noun, so no article is added.</summary>
    public static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "my", "your", "our", "their", "his", "her", "its", "all", "each", "every", "this", "that", "these",
        "those", "some", "any", "no", "another", "current", "latest",
    };

    /// <summary>Object pronouns: a name's whole object when it is one of them ("delete_it"), so no article.</summary>
    public static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal) { "it", "me", "us", "him", "them", "everything", "everyone" };

    /// <summary>Nouns that take no article ("request access", "convert currency").</summary>
    public static readonly HashSet<string> MassNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "access", "advice", "cash", "currency", "data", "equipment", "feedback", "hardware", "help", "info", "information",
        "leave", "mail", "money", "news", "overtime", "payroll", "permission", "software", "support", "time", "traffic",
    };

    /// <summary>Pronouns that, in front of another word of a name, can only be acronyms: "it ticket" is an IT ticket.</summary>
    public static readonly HashSet<string> ModifierAcronyms = new(StringComparer.Ordinal) { "it", "us" };

    /// <summary>Three-letter acronyms that end in S and are no plural ("send_sms": an SMS, not two SMs).</summary>
    public static readonly HashSet<string> AcronymsEndingInS = new(StringComparer.Ordinal)
    {
        "aws", "cms", "css", "dns", "ems", "gps", "ios", "kms", "lms", "mms", "pos", "qos", "rss", "sos", "sms", "tls",
    };

    /// <summary>Codes spelled in mixed case, read so even from a lower-case name ("block_ipv6_address": "IPv6", not "IPV6").</summary>
    public static readonly Dictionary<string, string> MixedCaseCodes = new(StringComparer.Ordinal)
    {
        ["ipv4"] = "IPv4", ["ipv6"] = "IPv6",
    };

    /// <summary>
    /// English words and everyday abbreviations of up to three letters, which stay lower-case; any other
    /// token that short is taken for an acronym. Plurals are listed where the singular is, so "bugs" is no "BUGs".
    /// </summary>
    public static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "a", "i", "o", "ab", "ad", "ah", "am", "an", "as", "at", "be", "by", "do", "go", "ha", "he", "hi", "if", "in", "is", "it",
        "me", "my", "no", "of", "oh", "on", "or", "ox", "so", "to", "up", "us", "we", "yo",
        "abs", "act", "add", "ado", "ads", "aft", "age", "ago", "aid", "ail", "aim", "air", "ale", "all", "amp", "and", "ant",
        "any", "ape", "app", "apt", "arc", "are", "ark", "arm", "art", "ash", "ask", "ate", "awe", "axe", "bad", "bag", "ban",
        "bar", "bat", "bay", "bed", "bee", "beg", "bet", "bib", "bid", "big", "bin", "bit", "boa", "bog", "boo", "bot", "bow",
        "box", "boy", "bra", "bud", "bug", "bum", "bun", "bus", "but", "buy", "bye", "cab", "can", "cap", "car", "cat", "cow",
        "coy", "cry", "cub", "cue", "cup", "cut", "dab", "dad", "dam", "day", "den", "dew", "did", "die", "dig", "dim", "din",
        "dip", "doc", "doe", "dog", "don", "dot", "dry", "dub", "due", "dug", "dye", "ear", "eat", "ebb", "eel", "egg", "ego",
        "elf", "elk", "elm", "emu", "end", "era", "eve", "ewe", "eye", "fad", "fan", "far", "fat", "fax", "fed", "fee", "few",
        "fig", "fin", "fir", "fit", "fix", "flu", "fly", "foe", "fog", "for", "fox", "fry", "fun", "fur", "gag", "gal", "gap",
        "gas", "gel", "gem", "get", "gig", "gin", "god", "got", "gum", "gun", "gut", "guy", "gym", "had", "ham", "has", "hat",
        "hay", "hem", "hen", "her", "hey", "hid", "him", "hip", "his", "hit", "hob", "hog", "hop", "hot", "how", "hub", "hue",
        "hug", "hum", "hut", "ice", "icy", "ill", "imp", "ink", "inn", "ion", "its", "ivy", "jab", "jam", "jar", "jaw", "jay",
        "jet", "jig", "job", "jog", "jot", "joy", "jug", "key", "kid", "kin", "kit", "lab", "lad", "lag", "lap", "law", "lay",
        "leg", "let", "lid", "lie", "lip", "lit", "log", "lot", "low", "mad", "man", "map", "mat", "max", "may", "men", "met",
        "mid", "min", "mix", "mob", "mod", "mom", "mop", "mud", "mug", "mum", "nab", "nag", "nap", "net", "new", "nil", "nip",
        "nod", "nor", "not", "now", "nun", "nut", "oak", "oar", "oat", "odd", "off", "oil", "old", "one", "opt", "orb", "ore",
        "our", "out", "owe", "owl", "own", "pad", "pal", "pan", "par", "pat", "paw", "pay", "pea", "peg", "pen", "pep", "per",
        "pet", "pew", "pie", "pig", "pin", "pit", "ply", "pod", "pop", "pot", "pro", "pry", "pub", "pun", "pup", "put", "rag",
        "ram", "ran", "rap", "rat", "raw", "ray", "red", "ref", "rib", "rid", "rig", "rim", "rip", "rob", "rod", "rot", "row",
        "rub", "rug", "rum", "run", "rut", "rye", "sad", "sag", "sap", "sat", "saw", "say", "sea", "see", "set", "sew", "she",
        "shy", "sin", "sip", "sir", "sit", "six", "ski", "sky", "sly", "sob", "sod", "son", "sow", "soy", "spa", "spy", "sub",
        "sue", "sum", "sun", "sup", "tab", "tag", "tan", "tap", "tar", "tax", "tea", "tee", "ten", "the", "tie", "tin", "tip",
        "toe", "ton", "too", "top", "tot", "tow", "toy", "try", "tub", "tug", "two", "use", "van", "vat", "vet", "via", "vow",
        "wag", "war", "was", "wax", "way", "web", "wed", "wet", "who", "why", "wig", "win", "wit", "woe", "wok", "won", "woo",
        "wow", "yak", "yam", "yap", "yaw", "yen", "yes", "yet", "yew", "you", "zip", "zoo",
        // Plurals of the nouns above that tool names use.
        "apps", "bags", "bars", "beds", "bids", "bins", "bits", "bots", "bugs", "cabs", "caps", "cars", "cats", "cups",
        "cuts", "days", "docs", "dogs", "dots", "ends", "eyes", "fans", "fees", "gaps", "gems", "guys", "hats", "hits", "hubs",
        "jobs", "keys", "kids", "kits", "labs", "laws", "legs", "lids", "logs", "lots", "maps", "mods", "mugs", "nets", "pads",
        "pans", "pens", "pets", "pins", "pots", "pubs", "refs", "rows", "runs", "sets", "subs", "tabs", "tags", "tips",
        "tops", "toys", "vans", "ways", "wins",
        // Everyday abbreviations that are read as words, not spelled out.
        "amt", "avg", "cfg", "img", "msg", "num", "pic", "qty", "src", "tmp", "env", "dev", "ops", "doc", "max", "min", "pct",
        "sec", "yr", "mo", "wk",
    };
}
