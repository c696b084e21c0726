using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Accounts;

/// <summary>
/// Registers ASP.NET Core Identity over the platform store and the <see cref="AccountService"/>: users
/// <see cref="SmartEnvUser"/>, roles <see cref="IdentityRole{TKey}"/> of <see cref="SmartEnvRoles"/>, the EF stores on
/// <see cref="SmartEnvDbContext"/>, the rules of <see cref="AccountRules"/>, enterprise claims
/// (<see cref="SmartEnvClaimsPrincipalFactory"/>), "disabled = not confirmed" (<see cref="SmartEnvUserConfirmation"/>)
/// and the authenticator (TOTP) token provider for a later second factor. The web app adds the sign-in manager and
/// cookies on the returned builder; the CLI uses <see cref="Open"/>.
/// </summary>
public static class AccountsSetup
{
    /// <summary>Adds Identity and the account service. A scoped <see cref="SmartEnvDbContext"/> must be registered (the
    /// web app's; <see cref="Open"/> registers one over a store).</summary>
    /// <param name="services">Service collection.</param>
    /// <returns>Identity's builder, for the web app's additions (sign-in manager).</returns>
    public static IdentityBuilder AddSmartEnvAccounts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        var identity = services.AddIdentityCore<SmartEnvUser>(AccountRules.Apply)
            .AddRoles<IdentityRole<long>>()
            .AddEntityFrameworkStores<SmartEnvDbContext>()
            .AddClaimsPrincipalFactory<SmartEnvClaimsPrincipalFactory>()
            .AddTokenProvider<AuthenticatorTokenProvider<SmartEnvUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<IUserConfirmation<SmartEnvUser>, SmartEnvUserConfirmation>();
        services.AddScoped<AccountService>();
        return identity;
    }

    /// <summary>An account service over a store, for the CLI and tests (no web app): its own service provider and
    /// scope, disposed with the returned session.</summary>
    /// <param name="store">A migrated store.</param>
    /// <param name="time">Clock (default system).</param>
    public static AccountSession Open(SmartEnvStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var services = new ServiceCollection();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddScoped<SmartEnvDbContext>(_ => store.CreateContext());
        services.AddSmartEnvAccounts();
        var provider = services.BuildServiceProvider();
        return new AccountSession(provider);
    }
}

/// <summary>An <see cref="AccountService"/> with its own service scope (<see cref="AccountsSetup.Open"/>). Dispose it
/// when done. Not thread-safe (one store context).</summary>
public sealed class AccountSession : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    internal AccountSession(ServiceProvider provider)
    {
        _provider = provider;
        _scope = provider.CreateAsyncScope();
        Accounts = _scope.ServiceProvider.GetRequiredService<AccountService>();
    }

    /// <summary>The service.</summary>
    public AccountService Accounts { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
