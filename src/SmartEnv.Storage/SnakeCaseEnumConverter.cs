using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SmartEnv.Storage;

/// <summary>Stores an enum as its snake_case name (<c>UnknownMn</c> → <c>unknown_mn</c>) so the database reads
/// without the C# source. Reading an unknown name throws <see cref="ArgumentException"/>.</summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
public sealed class SnakeCaseEnumConverter<TEnum> : ValueConverter<TEnum, string> where TEnum : struct, Enum
{
    /// <summary>Creates the converter.</summary>
    public SnakeCaseEnumConverter() : base(v => ToSnake(v.ToString()), s => Enum.Parse<TEnum>(s.Replace("_", ""), true)) { }

    /// <summary>Converts a PascalCase name to snake_case.</summary>
    /// <param name="name">A PascalCase identifier.</param>
    public static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1])) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
