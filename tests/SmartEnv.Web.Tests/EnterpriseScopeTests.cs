using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Web.Tests;

/// <summary>Principal → <see cref="DataScope"/> (docs/security.md "Enterprise scope", the "who sees what" table).</summary>
public class EnterpriseScopeTests
{
    private static ClaimsPrincipal User(string[] roles, params string[] usccs) => new(new ClaimsIdentity(
        roles.Select(r => new Claim(ClaimTypes.Role, r)).Concat(usccs.Select(u => new Claim(SmartEnvClaims.Enterprise, u))), "test"));

    [Fact]
    public void Staff_roles_see_all_enterprise_users_their_own_and_everyone_else_the_public()
    {
        foreach (var role in SmartEnvRoles.Staff) Assert.True(EnterpriseScope.For(User([role])).IsAll, role);
        var ent = EnterpriseScope.For(User([SmartEnvRoles.Enterprise], "915001050000000430", " 91500105000000000j "));
        Assert.Equal(DataScopeKind.Enterprises, ent.Kind);
        Assert.Equal(["91500105000000000J", "915001050000000430"], ent.Usccs); // trimmed, upper-cased, ordered
        Assert.True(EnterpriseScope.For(User([SmartEnvRoles.Enterprise, SmartEnvRoles.Viewer], "915001050000000430")).IsAll);
        var unbound = EnterpriseScope.For(User([SmartEnvRoles.Enterprise]));
        Assert.Equal((DataScopeKind.Enterprises, 0), (unbound.Kind, unbound.Usccs.Count));
        // Claims without the role bind nothing; unknown roles are the public.
        Assert.Equal(DataScopeKind.Public, EnterpriseScope.For(User([], "915001050000000430")).Kind);
        Assert.Equal(DataScopeKind.Public, EnterpriseScope.For(User(["root"])).Kind);
        Assert.Equal(DataScopeKind.Public, EnterpriseScope.For(new ClaimsPrincipal(new ClaimsIdentity())).Kind);
        Assert.Equal(DataScopeKind.Public, EnterpriseScope.For(null).Kind);
    }

    [Fact]
    public async Task Without_a_request_the_circuit_user_decides_and_without_either_it_is_the_public()
    {
        var services = new ServiceCollection();
        services.AddHttpContextAccessor();
        services.AddScoped<AuthenticationStateProvider, FixedState>();
        await using var sp = services.BuildServiceProvider();
        await using (var scope = sp.CreateAsyncScope())
            Assert.Null(EnterpriseScope.CurrentUser(scope.ServiceProvider)); // state never set: no principal
        await using (var scope = sp.CreateAsyncScope())
        {
            ((FixedState)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>()).Set(User([SmartEnvRoles.Enterprise], "915001050000000430"));
            var user = EnterpriseScope.CurrentUser(scope.ServiceProvider);
            Assert.Equal(["915001050000000430"], EnterpriseScope.For(user).Usccs);
        }
    }

    /// <summary>As the server's provider: throws until the circuit sets the user.</summary>
    private sealed class FixedState : AuthenticationStateProvider
    {
        private Task<AuthenticationState>? _state;
        public void Set(ClaimsPrincipal user) => _state = Task.FromResult(new AuthenticationState(user));
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            _state ?? throw new InvalidOperationException("GetAuthenticationStateAsync was called before SetAuthenticationState.");
    }
}
