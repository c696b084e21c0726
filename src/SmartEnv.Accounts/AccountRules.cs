using Microsoft.AspNetCore.Identity;

namespace SmartEnv.Accounts;

/// <summary>
/// The platform's account rules in one place (docs/security.md): lockout, password policy, user names, token lifetime.
/// Applied to ASP.NET Core Identity by <see cref="AccountsSetup.AddSmartEnvAccounts"/>. Constants; thread-safe.
/// </summary>
public static class AccountRules
{
    /// <summary>Failed sign-ins in a row that lock an account (issue 13: 5).</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a locked account stays locked (issue 13: 15 minutes).</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Shortest password (characters). NIST SP 800-63B §5.1.1.2 asks for at least 8 and no composition rules;
    /// the platform asks for 10 and, like NIST, no character classes.</summary>
    public const int MinPasswordLength = 10;

    /// <summary>Lifetime of a personal access token when none is asked for: 90 days.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromDays(90);

    /// <summary>Longest lifetime a token may be issued with: 3,650 days (no token lives for ever).</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(3650);

    /// <summary>Name of the account the first <c>serve</c> creates (<see cref="AccountService.EnsureBootstrapAdminAsync"/>).</summary>
    public const string BootstrapAdminName = "admin";

    /// <summary>Characters a user name may contain (Identity's default set: ASCII letters, digits and <c>-._@+</c>); the
    /// display name carries Chinese names.</summary>
    public const string UserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";

    /// <summary>Applies the rules to Identity's options.</summary>
    /// <param name="o">Identity options.</param>
    public static void Apply(IdentityOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
        o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        o.Lockout.AllowedForNewUsers = true;
        o.Password.RequiredLength = MinPasswordLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 4;
        o.User.AllowedUserNameCharacters = UserNameCharacters;
        o.User.RequireUniqueEmail = false;
        // "Confirmed" means "not disabled" (SmartEnvUserConfirmation): a disabled account cannot sign in.
        o.SignIn.RequireConfirmedAccount = true;
        o.SignIn.RequireConfirmedEmail = false;
        o.SignIn.RequireConfirmedPhoneNumber = false;
    }
}
