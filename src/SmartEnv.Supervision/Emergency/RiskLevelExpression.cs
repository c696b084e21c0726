namespace SmartEnv.Supervision.Emergency;

/// <summary>An enterprise risk level of HJ 941-2018 (一般, 较大, 重大; supervision.md §8.4). Larger = more severe. Thread-safe.</summary>
public enum RiskLevel
{
    /// <summary>一般.</summary>
    General = 1,
    /// <summary>较大.</summary>
    Larger = 2,
    /// <summary>重大.</summary>
    Major = 3,
}

/// <summary>One medium of an expression, e.g. <c>较大-大气(Q1-M2-E1)</c>.</summary>
/// <param name="Level">The medium's level.</param>
/// <param name="Medium"><c>大气</c> or <c>水</c>.</param>
/// <param name="Q">Q class 0–3.</param>
/// <param name="M">M class 1–4, or null with Q0.</param>
/// <param name="E">E class 1–3, or null with Q0.</param>
public sealed record RiskMediumTerm(RiskLevel Level, string Medium, int Q, int? M, int? E);

/// <summary>A parsed risk-level expression.</summary>
/// <param name="Level">The overall level.</param>
/// <param name="Media">The media terms, in written order.</param>
public sealed record RiskExpression(RiskLevel Level, IReadOnlyList<RiskMediumTerm> Media);

/// <summary>A malformed expression; <see cref="Position"/> is the 0-based character index of the fault.</summary>
public sealed class RiskExpressionException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="position">0-based index into the expression.</param>
    /// <param name="message">What was expected.</param>
    public RiskExpressionException(int position, string message) : base($"position {position}: {message}") => Position = position;

    /// <summary>0-based character index of the fault.</summary>
    public int Position { get; }
}

/// <summary>
/// Checks the shape of an HJ 941-2018 risk-level expression such as <c>较大[较大-大气(Q1-M2-E1)+一般-水(Q0)]</c>
/// (supervision.md §8.4 [U]): LEVEL '[' TERM ('+' TERM)* ']' with TERM = LEVEL '-' (大气|水) '(' (Q0 | Qq-Mm-Ee) ')',
/// q 1–3, m 1–4, e 1–3, each medium at most once, a Q0 medium at level 一般 (Q &lt; 1 → 一般 directly), and the overall
/// level equal to the highest medium level. SmartEnv does NOT compute levels (thresholds [U]); it records the assessed
/// level and rejects an expression that contradicts itself. Pure; thread-safe.
/// </summary>
public static class RiskLevelExpression
{
    private static readonly (string Zh, RiskLevel Level)[] Levels = [("一般", RiskLevel.General), ("较大", RiskLevel.Larger), ("重大", RiskLevel.Major)];
    private static readonly string[] Media = ["大气", "水"];

    /// <summary>The Chinese name of a level.</summary>
    /// <param name="level">A level.</param>
    public static string Zh(RiskLevel level) => Levels.First(l => l.Level == level).Zh;

    /// <summary>Reads a level from its Chinese name.</summary>
    /// <param name="zh">一般, 较大 or 重大.</param>
    /// <param name="level">The level (General when false).</param>
    /// <returns>False for other text.</returns>
    public static bool TryParseLevel(string? zh, out RiskLevel level)
    {
        foreach (var (z, l) in Levels)
            if (z == zh) { level = l; return true; }
        level = RiskLevel.General;
        return false;
    }

    /// <summary>Parses and checks <paramref name="text"/>.</summary>
    /// <param name="text">The expression (no spaces).</param>
    /// <returns>The parsed expression.</returns>
    /// <exception cref="RiskExpressionException">Malformed, or the levels contradict each other; the message starts with
    /// the position.</exception>
    public static RiskExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var p = 0;
        RiskLevel Level()
        {
            foreach (var (z, l) in Levels)
                if (string.CompareOrdinal(text, p, z, 0, z.Length) == 0) { p += z.Length; return l; }
            throw new RiskExpressionException(p, "expected a level 一般, 较大 or 重大");
        }
        void Expect(char c)
        {
            if (p >= text.Length || text[p] != c) throw new RiskExpressionException(p, $"expected '{c}'");
            p++;
        }
        int Digit(char letter, int min, int max)
        {
            Expect(letter);
            if (p >= text.Length || text[p] < '0' + min || text[p] > '0' + max)
                throw new RiskExpressionException(p, $"expected a digit {min}–{max} after {letter}");
            return text[p++] - '0';
        }
        var overallAt = p;
        var overall = Level();
        Expect('[');
        var terms = new List<RiskMediumTerm>();
        while (true)
        {
            var termAt = p;
            var level = Level();
            Expect('-');
            var medium = Media.FirstOrDefault(m => string.CompareOrdinal(text, p, m, 0, m.Length) == 0)
                ?? throw new RiskExpressionException(p, "expected a medium 大气 or 水");
            if (terms.Any(t => t.Medium == medium)) throw new RiskExpressionException(p, $"medium {medium} given twice");
            p += medium.Length;
            Expect('(');
            var q = Digit('Q', 0, 3);
            int? m = null, e = null;
            if (q > 0)
            {
                Expect('-');
                m = Digit('M', 1, 4);
                Expect('-');
                e = Digit('E', 1, 3);
            }
            else if (level != RiskLevel.General)
                throw new RiskExpressionException(termAt, "a Q0 medium is 一般 (Q < 1)");
            Expect(')');
            terms.Add(new RiskMediumTerm(level, medium, q, m, e));
            if (p < text.Length && text[p] == '+') { p++; continue; }
            break;
        }
        Expect(']');
        if (p != text.Length) throw new RiskExpressionException(p, "unexpected text after ']'");
        var max = terms.Max(t => t.Level);
        if (overall != max)
            throw new RiskExpressionException(overallAt, $"overall level {Zh(overall)} must equal the highest medium level {Zh(max)}");
        return new RiskExpression(overall, terms);
    }
}
