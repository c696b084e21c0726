namespace SmartEnv.Storage.Audit;

/// <summary>What kind of party made an audited change (column <c>actor_kind</c>, snake_case text).</summary>
public enum AuditActorKind
{
    /// <summary>A signed-in person (Identity cookie; <c>ClaimTypes.Name</c> is the user name).</summary>
    User,

    /// <summary>A bearer token: a personal access token of a user, or the legacy <c>admin-token</c> file (name <c>admin</c>).</summary>
    Token,

    /// <summary>An HJ 212 data logger (name = its MN). Device traffic itself is not audited (docs/security.md "Audit trail").</summary>
    Device,

    /// <summary>A job of the platform (name = the job, e.g. <c>evaluation-queue</c>, <c>alert-scanner</c>).</summary>
    System,

    /// <summary>A <c>smartenv</c> command run by an operator (name = the operating-system user).</summary>
    Cli,
}

/// <summary>
/// Who made an audited change, and from where. Immutable; thread-safe.
/// </summary>
/// <param name="Kind">User, token, device, system job or CLI.</param>
/// <param name="Name">User name, MN, job name or OS user (≤ <see cref="AuditEntry.ActorNameLength"/> characters; longer is cut).</param>
/// <param name="ClientAddress">Remote IP address of the HTTP request (text, IPv4 or IPv6), or null (CLI, jobs).</param>
public sealed record AuditActor(AuditActorKind Kind, string Name, string? ClientAddress = null)
{
    /// <summary>A platform job.</summary>
    /// <param name="job">Job name, e.g. <c>evaluation-queue</c>.</param>
    public static AuditActor System(string job) => new(AuditActorKind.System, job);

    /// <summary>The operator running a <c>smartenv</c> command: <see cref="Environment.UserName"/> (kind <see cref="AuditActorKind.Cli"/>).</summary>
    public static AuditActor Cli() => new(AuditActorKind.Cli, string.IsNullOrWhiteSpace(Environment.UserName) ? "unknown" : Environment.UserName);
}
