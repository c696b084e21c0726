namespace SmartEnv.Storage;

/// <summary>
/// Which enterprise-owned records a <see cref="SmartEnvDbContext"/> may read (issue 13, docs/security.md "Enterprise scope"),
/// applied as EF Core global query filters in the data layer, so no page or endpoint can forget it:
/// <list type="bullet">
/// <item><see cref="All"/> — staff and background jobs (intake, evaluation, imports, alerts, CLI): no filter.</item>
/// <item><see cref="Public"/> — anonymous visitors: no enterprise, no enterprise-owned site nor anything keyed by one.</item>
/// <item><see cref="ForEnterprises"/> — users of role <c>enterprise</c>: their bound enterprises (by 统一社会信用代码) and their
/// sites, plus every site no enterprise owns (the bureau's sites; their own public/non-public rule still applies in the
/// endpoints, as for anonymous readers).</item>
/// </list>
/// Filtered: <c>enterprises</c> (by USCC) and <c>sites</c> (by <c>enterprise_uscc</c>); the site-keyed tables
/// (<c>observations</c>, <c>hourly_aqi</c>, <c>daily_aqi</c>, <c>evaluation_days</c>, <c>devices</c>, <c>alerts</c>) by
/// <c>site_id IN (visible site ids)</c>, an uncorrelated subquery evaluated once per statement, not a join per row
/// (docs/security.md gives the measured cost). Immutable; thread-safe.
/// </summary>
public sealed class DataScope
{
    private DataScope(DataScopeKind kind, List<string> usccs)
    {
        Kind = kind;
        UsccList = usccs;
    }

    /// <summary>Everything (staff, background jobs). The default of <see cref="SmartEnvStore.CreateContext()"/>.</summary>
    public static DataScope All { get; } = new(DataScopeKind.All, []);

    /// <summary>The public: nothing enterprise-owned.</summary>
    public static DataScope Public { get; } = new(DataScopeKind.Public, []);

    /// <summary>The given enterprises' records plus everything no enterprise owns.</summary>
    /// <param name="usccs">统一社会信用代码 values (as bound; compared exactly, upper case). Empty: as <see cref="Public"/>
    /// but of kind <see cref="DataScopeKind.Enterprises"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="usccs"/> is null.</exception>
    public static DataScope ForEnterprises(IEnumerable<string> usccs)
    {
        ArgumentNullException.ThrowIfNull(usccs);
        return new(DataScopeKind.Enterprises, usccs.Where(u => !string.IsNullOrWhiteSpace(u)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>All, public or enterprises.</summary>
    public DataScopeKind Kind { get; }

    /// <summary>True for <see cref="All"/>: the filters let every row through.</summary>
    public bool IsAll => Kind == DataScopeKind.All;

    /// <summary>The bound enterprises (empty unless <see cref="Kind"/> is <see cref="DataScopeKind.Enterprises"/>). Read only;
    /// a list because EF Core translates <c>List.Contains</c> into SQL.</summary>
    public IReadOnlyList<string> Usccs => UsccList;

    /// <summary>The same list for the query filters (EF Core parameterises a <c>List&lt;string&gt;</c>).</summary>
    internal List<string> UsccList { get; }

    /// <summary>True when the scope lets an enterprise's records through.</summary>
    /// <param name="uscc">统一社会信用代码.</param>
    public bool Includes(string uscc) => IsAll || Usccs.Contains(uscc, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        DataScopeKind.All => "all",
        DataScopeKind.Public => "public",
        _ => "enterprises " + string.Join(',', Usccs),
    };
}

/// <summary>Kind of <see cref="DataScope"/>.</summary>
public enum DataScopeKind
{
    /// <summary>No filter.</summary>
    All,
    /// <summary>Anonymous: nothing enterprise-owned.</summary>
    Public,
    /// <summary>Bound enterprises only (plus what no enterprise owns).</summary>
    Enterprises,
}
