namespace SmartEnv.Storage;

/// <summary>
/// The database could not be reached, opened or migrated (infrastructure failure). <see cref="IsTransient"/> tells
/// retry logic whether trying again may help. The message names the (redacted) connection and the fix.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Wraps a provider exception.</summary>
    /// <param name="options">The store that failed.</param>
    /// <param name="inner">The provider's exception.</param>
    public StoreUnavailableException(StoreOptions options, Exception inner)
        : base(BuildMessage(options, inner), inner)
    {
        IsTransient = inner is Npgsql.NpgsqlException { IsTransient: true } || inner.InnerException is Npgsql.NpgsqlException { IsTransient: true };
    }

    /// <summary>True when the provider reports the failure as transient (e.g. connection refused, timeout).</summary>
    public bool IsTransient { get; }

    private static string BuildMessage(StoreOptions options, Exception inner)
    {
        var fix = options.Provider == StoreProvider.Postgres
            ? "Is PostgreSQL running and the login right? `sudo bash .ci/setup` installs and starts PostgreSQL on 127.0.0.1:5432 (postgres/postgres)."
            : "Check that the data directory is writable.";
        return $"store unavailable ({options.Provider}: {options.Redacted}): {inner.Message} — {fix}";
    }
}
