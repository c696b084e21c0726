namespace SmartEnv.Web.Ui;

/// <summary>
/// Where the platform may send a browser after a language switch (<c>/ui/culture?redirect=</c>) or a sign-in
/// (<c>/signin?returnUrl=</c>, <c>/signin/2fa</c>): a path on this site, never another site (open redirect; issue 14
/// item 13). The rule of ASP.NET Core's <c>LocalRedirect</c> (the path begins with one <c>/</c> not followed by <c>/</c> or
/// <c>\</c> — browsers read <c>/\evil</c> as <c>//evil</c>, another host), plus: no control character anywhere (browsers
/// drop TAB, CR and LF inside URLs, so <c>/\t/evil</c> becomes <c>//evil</c>). A value failing the rule is replaced by the
/// overview <c>/</c>, never answered with a 500. Pure; thread-safe.
/// </summary>
public static class LocalUrls
{
    /// <summary>True when <paramref name="url"/> (decoded, as binding hands it over) is a path on this site.</summary>
    /// <param name="url">Candidate, or null.</param>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) && !u.Any(char.IsControl);

    /// <summary><paramref name="url"/> when it is local (<see cref="IsLocal"/>), else <c>/</c>; characters outside ASCII
    /// are percent-encoded as UTF-8 (RFC 3986 §2.1), since a <c>Location</c> header holds ASCII only (a Chinese query such
    /// as <c>/air?q=空</c> was a 500), and an encoded look-alike slash (U+FF0F) stays a path character.</summary>
    /// <param name="url">Candidate, or null.</param>
    public static string OrHome(string? url) => IsLocal(url) ? EscapeNonAscii(url!) : "/";

    private static string EscapeNonAscii(string url)
    {
        if (System.Text.Ascii.IsValid(url)) return url;
        var b = new System.Text.StringBuilder(url.Length * 3);
        foreach (var r in url.EnumerateRunes()) // a lone surrogate comes as U+FFFD
            b.Append(r.IsAscii ? r.ToString() : Uri.EscapeDataString(r.ToString()));
        return b.ToString();
    }
}
