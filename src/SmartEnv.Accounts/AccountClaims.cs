using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Accounts;

/// <summary>
/// Builds the principal of a signed-in user, the same for the cookie and for a bearer token (the shared contract,
/// <see cref="SmartEnvRoles"/> / <see cref="SmartEnvClaims"/>): <see cref="ClaimTypes.Name"/> = user name,
/// <see cref="ClaimTypes.NameIdentifier"/> = user id, one <see cref="ClaimTypes.Role"/> per role, one
/// <see cref="SmartEnvClaims.Enterprise"/> per bound USCC, and <see cref="SmartEnvClaims.ReadOnly"/> = <c>true</c> for a
/// read-only token. Stateless; thread-safe.
/// </summary>
public static class AccountClaims
{
    /// <summary>The claims of a user.</summary>
    /// <param name="userId">User id.</param>
    /// <param name="userName">User name.</param>
    /// <param name="roles">Role names.</param>
    /// <param name="usccs">Bound enterprises' USCCs.</param>
    /// <param name="readOnly">True for a read-only token.</param>
    public static List<Claim> For(long userId, string userName, IEnumerable<string> roles, IEnumerable<string> usccs, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, userName),
        };
        claims.AddRange(roles.Distinct(StringComparer.Ordinal).Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(usccs.Distinct(StringComparer.Ordinal).Select(u => new Claim(SmartEnvClaims.Enterprise, u)));
        if (readOnly) claims.Add(new Claim(SmartEnvClaims.ReadOnly, "true"));
        return claims;
    }

    /// <summary>True when the principal came from a read-only token.</summary>
    /// <param name="user">Principal.</param>
    public static bool IsReadOnly(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(SmartEnvClaims.ReadOnly, "true");
    }

    /// <summary>The USCCs the principal is bound to (empty for staff and the public).</summary>
    /// <param name="user">Principal.</param>
    public static IReadOnlyList<string> Enterprises(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(SmartEnvClaims.Enterprise).Select(c => c.Value).ToList();
    }
}

/// <summary>
/// Identity's cookie principal factory plus the platform's enterprise claims (<see cref="SmartEnvClaims.Enterprise"/>),
/// so a cookie principal has the same claims as a token principal (<see cref="AccountClaims"/>). Registered by
/// <see cref="AccountsSetup.AddSmartEnvAccounts"/>. Scoped (holds the scope's context).
/// </summary>
public sealed class SmartEnvClaimsPrincipalFactory : UserClaimsPrincipalFactory<SmartEnvUser, IdentityRole<long>>
{
    private readonly SmartEnvDbContext _db;

    /// <summary>Creates the factory (DI).</summary>
    /// <param name="users">User manager.</param>
    /// <param name="roles">Role manager.</param>
    /// <param name="options">Identity options.</param>
    /// <param name="db">The scope's store context.</param>
    public SmartEnvClaimsPrincipalFactory(UserManager<SmartEnvUser> users, RoleManager<IdentityRole<long>> roles, IOptions<IdentityOptions> options, SmartEnvDbContext db)
        : base(users, roles, options) => _db = db;

    /// <inheritdoc />
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(SmartEnvUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        var usccs = await _db.UserEnterprises.AsNoTracking().Where(e => e.UserId == user.Id).OrderBy(e => e.Uscc).Select(e => e.Uscc).ToListAsync();
        foreach (var u in usccs) id.AddClaim(new Claim(SmartEnvClaims.Enterprise, u));
        return id;
    }
}

/// <summary>
/// "Confirmed" for Identity means "not disabled" on this platform (<see cref="SmartEnvUser.Disabled"/>;
/// <see cref="AccountRules.Apply"/> sets <c>SignIn.RequireConfirmedAccount</c>), so a disabled account's password
/// sign-in is refused (<c>SignInResult.NotAllowed</c>). Stateless; thread-safe.
/// </summary>
public sealed class SmartEnvUserConfirmation : IUserConfirmation<SmartEnvUser>
{
    /// <inheritdoc />
    public Task<bool> IsConfirmedAsync(UserManager<SmartEnvUser> manager, SmartEnvUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(!user.Disabled);
    }
}
