namespace SmartEnv.Storage.Accounts;

/// <summary>
/// The platform's roles (issue 13, docs/security.md). Deny by default: a route or page that names no policy is refused
/// by the route-table test. A user may hold several roles; an <see cref="Enterprise"/> user is also bound to one or more
/// enterprises by 统一社会信用代码 (claim <see cref="SmartEnvClaims.Enterprise"/>) and sees only their records.
/// Anonymous visitors are the public: they read published figures only. Constants; thread-safe.
/// </summary>
public static class SmartEnvRoles
{
    /// <summary><c>admin</c> — 系统管理员: users, roles, devices, sites, audit; everything staff may do.</summary>
    public const string Admin = "admin";

    /// <summary><c>monitoring</c> — 监测: monitoring data, devices, quarantine, imports, 数据审核 (data review).</summary>
    public const string Monitoring = "monitoring";

    /// <summary><c>enforcement</c> — 执法: enterprises, inspections, complaints, alerts (reads monitoring data).</summary>
    public const string Enforcement = "enforcement";

    /// <summary><c>planning</c> — 规划/综合: plan tracking, reports (reads monitoring data).</summary>
    public const string Planning = "planning";

    /// <summary><c>viewer</c> — 领导: reads everything the bureau's staff can read, changes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary><c>enterprise</c> — 排污单位: only its own enterprises' records, bound by USCC.</summary>
    public const string Enterprise = "enterprise";

    /// <summary>Every role, in the order the UI lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Monitoring, Enforcement, Planning, Viewer, Enterprise];

    /// <summary>The bureau's staff roles (everything except <see cref="Enterprise"/>).</summary>
    public static IReadOnlyList<string> Staff { get; } = [Admin, Monitoring, Enforcement, Planning, Viewer];
}

/// <summary>Claim types the platform adds to a signed-in principal (cookie or bearer token). Constants; thread-safe.</summary>
public static class SmartEnvClaims
{
    /// <summary>One claim per bound enterprise; the value is its 18-character 统一社会信用代码 (GB 32100-2015).</summary>
    public const string Enterprise = "smartenv:enterprise";

    /// <summary>Present with value <c>true</c> when the request was authenticated by a read-only personal access token:
    /// every state-changing endpoint refuses such a principal (403).</summary>
    public const string ReadOnly = "smartenv:read_only";
}
