using System.Text;

namespace SmartEnv.Hj212;

internal static class Hj212Names
{
    public static string Snake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 8);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c))
            {
                bool boundary = i > 0 && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1])
                    || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) && char.IsUpper(pascal[i - 1])));
                if (boundary) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsDigit(c) && i > 0 && char.IsLetter(pascal[i - 1]))
            {
                sb.Append('_').Append(c);
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
