using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste.Ledger;

namespace SmartEnv.Web.Ui;

/// <summary>Stock of one storage facility now: the containers in it (state 入库) and their tonnes.</summary>
/// <param name="Uscc">Owner's 统一社会信用代码.</param>
/// <param name="Enterprise">Owner's name.</param>
/// <param name="FacilityCode">设施编号 (e.g. <c>TS001</c>).</param>
/// <param name="FacilityName">Facility name.</param>
/// <param name="StockT">Σ quantity_t of the containers in it (tonnes, exact decimal as stored).</param>
/// <param name="Containers">Number of containers in it.</param>
/// <param name="OldestDays">Storage age of its oldest container in whole Beijing days (<see cref="StorageAge.Days"/>), or null when empty.</param>
public sealed record WasteStockRow(string Uscc, string Enterprise, string FacilityCode, string FacilityName, decimal StockT, int Containers, int? OldestDays);

/// <summary>One bar of the storage-age histogram.</summary>
/// <param name="Key">Bin id: <c>0-90</c>, <c>91-180</c>, <c>181-270</c>, <c>271-365</c>, <c>366-</c> (text: <c>Texts.Waste.AgeBin</c>).</param>
/// <param name="Count">Containers in storage whose age falls in the bin.</param>
public sealed record WasteAgeBin(string Key, int Count);

/// <summary>A container or package (一物一码) as listed on the pages.</summary>
/// <param name="Identifier">数字识别码.</param>
/// <param name="Uscc">Generator's 统一社会信用代码.</param>
/// <param name="Enterprise">Generator's name.</param>
/// <param name="Name">废物名称.</param>
/// <param name="Category">废物类别 (HWnn).</param>
/// <param name="WasteCode">废物代码.</param>
/// <param name="Hazard">危险特性 as in the list, or null.</param>
/// <param name="Form">形态, or null.</param>
/// <param name="GeneratedAt">产生时间 (UTC).</param>
/// <param name="QuantityT">Weight in tonnes.</param>
/// <param name="State">Stage of its last ledger entry (<see cref="WasteLedgerStage"/> name; text <c>Texts.Waste.Stage</c>).</param>
/// <param name="FacilityCode">Code of the storage facility it is in, or null.</param>
/// <param name="StoredAt">入库时间 (UTC), or null.</param>
/// <param name="StorageDays">Storage age now in whole Beijing days while in storage (<see cref="StorageAge.Days"/>), else null.</param>
/// <param name="ManifestNumber">The manifest it leaves under, or null.</param>
public sealed record WasteContainerRow(string Identifier, string Uscc, string Enterprise, string Name, string Category, string WasteCode, string? Hazard,
    string? Form, DateTimeOffset GeneratedAt, decimal QuantityT, string State, string? FacilityCode, DateTimeOffset? StoredAt, int? StorageDays, string? ManifestNumber);

/// <summary>A ledger entry (HJ 1259 §6.3) as listed.</summary>
/// <param name="Id">Entry id (order of writing).</param>
/// <param name="Uscc">Ledger owner.</param>
/// <param name="Stage">Stage name (<see cref="WasteLedgerStage"/>; text <c>Texts.Waste.Stage</c>).</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Identifier">Container identifier, or null for a batch entry.</param>
/// <param name="Name">废物名称.</param>
/// <param name="WasteCode">废物代码.</param>
/// <param name="QuantityT">Tonnes.</param>
/// <param name="FacilityCode">Facility code, or null.</param>
/// <param name="Handler">经办人, or null.</param>
/// <param name="Destination">去向 or receiver name, or null.</param>
/// <param name="ManifestNumber">Manifest number, or null.</param>
public sealed record WasteLedgerRow(long Id, string Uscc, string Stage, DateTimeOffset At, string? Identifier, string Name, string WasteCode, decimal QuantityT,
    string? FacilityCode, string? Handler, string? Destination, string? ManifestNumber);

/// <summary>An enterprise with waste roles on the map of generators and receivers.</summary>
/// <param name="Uscc">统一社会信用代码.</param>
/// <param name="Name">Name.</param>
/// <param name="Roles">Role ids it holds (<c>generator</c>, <c>carrier</c>, <c>receiver</c>, <c>medical</c>, <c>disposal</c>; text <c>Texts.Waste.Role</c>), main role first.</param>
/// <param name="Longitude">Degrees east (GCJ-02, the enterprise's recorded position), or null.</param>
/// <param name="Latitude">Degrees north, or null.</param>
/// <param name="StockT">Tonnes in its storage facilities now.</param>
public sealed record WastePartyRow(string Uscc, string Name, IReadOnlyList<string> Roles, decimal? Longitude, decimal? Latitude, decimal StockT);

/// <summary>What <c>/hw</c> shows: for staff the overview, for an enterprise user its own waste.</summary>
/// <param name="Staff">True for the bureau's overview (every enterprise), false for "我的危险废物" (the account's enterprises).</param>
/// <param name="Now">The instant the figures are for (UTC).</param>
/// <param name="Stock">Stock by storage facility, largest first.</param>
/// <param name="Ages">Storage-age histogram of the containers in storage (always the five bins).</param>
/// <param name="Containers">Containers, newest first (an enterprise's own; staff: the longest-stored first, at most <see cref="WasteService.ListLimit"/>).</param>
/// <param name="Ledger">Latest ledger entries, newest first (at most <see cref="WasteService.ListLimit"/>).</param>
public sealed record WasteHomeView(bool Staff, DateTimeOffset Now, IReadOnlyList<WasteStockRow> Stock, IReadOnlyList<WasteAgeBin> Ages,
    IReadOnlyList<WasteContainerRow> Containers, IReadOnlyList<WasteLedgerRow> Ledger);

/// <summary>
/// The 危险废物 pages' view models (docs/waste.md "Pages"), read through the circuit's scoped context, so an enterprise
/// user sees only its own containers, ledger and facilities (the tables' <c>uscc</c> filters, docs/security.md) and staff
/// see every enterprise's. Storage age comes from the one rule <see cref="StorageAge.Days"/> (HJ 1259 / 固废法 Art. 81,
/// docs/waste.md P2); quantities are the stored tonnes (decimal(14,6), no rounding here). Scoped; not thread-safe
/// (one circuit's context).
/// </summary>
/// <param name="db">The caller's scoped context.</param>
/// <param name="time">Clock.</param>
public sealed partial class WasteService(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>Most rows a list shows.</summary>
    public const int ListLimit = 200;

    /// <summary>The histogram bins' text keys, in the order of
    /// <see cref="SmartEnv.Supervision.Waste.Generators.StorageAgeBuckets.Labels"/> (0–90, 91–180, 181–270, 271–365, 366+ days),
    /// which is the one place an age is put in a bin (the staff overview API uses the same).</summary>
    public static IReadOnlyList<string> AgeBins { get; } = ["0-90", "91-180", "181-270", "271-365", "366-"];

    /// <summary>True when the context sees every enterprise (staff).</summary>
    public bool IsStaff => db.Scope.IsAll;

    /// <summary>Plans and declarations overdue now (staff list of <see cref="SmartEnv.Waste.Generators.GeneratorService.StaffListAsync"/>,
    /// status <c>overdue</c>), read through the caller's scope.</summary>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<SmartEnv.Waste.Generators.WasteFilingView>> OverdueFilingsAsync(CancellationToken ct = default) =>
        new SmartEnv.Waste.Generators.GeneratorService(db, time).StaffListAsync("overdue", ct);

    /// <summary>The <c>/hw</c> view now.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<WasteHomeView> HomeAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var names = await db.Enterprises.AsNoTracking().Select(e => new { e.Uscc, e.Name }).ToDictionaryAsync(e => e.Uscc, e => e.Name, ct);
        var facilities = await db.WasteFacilities.AsNoTracking().ToListAsync(ct);
        var stored = await db.WasteContainers.AsNoTracking().Where(c => c.State == WasteLedgerStage.Stored).ToListAsync(ct);
        var stock = facilities.Select(f =>
        {
            var inside = stored.Where(c => c.FacilityId == f.Id).ToList();
            int? oldest = inside.Count == 0 ? null : inside.Max(c => c.StoredAt is { } s ? StorageAge.Days(s, now) : 0);
            return new WasteStockRow(f.Uscc, names.GetValueOrDefault(f.Uscc, f.Uscc), f.Code, f.Name, inside.Sum(c => c.QuantityT), inside.Count, oldest);
        }).Where(r => r.Containers > 0).OrderByDescending(r => r.StockT).ThenBy(r => r.Uscc, StringComparer.Ordinal).ThenBy(r => r.FacilityCode, StringComparer.Ordinal).ToList();
        var ages = stored.Where(c => c.StoredAt is not null).Select(c => StorageAge.Days(c.StoredAt!.Value, now)).ToList();
        var counts = SmartEnv.Supervision.Waste.Generators.StorageAgeBuckets.Count(ages);
        var bins = AgeBins.Select((key, i) => new WasteAgeBin(key, counts[i])).ToList();
        var codes = facilities.ToDictionary(f => f.Id, f => f.Code);
        List<WasteContainerRow> containers;
        if (IsStaff)
            containers = stored.OrderBy(c => c.StoredAt).Take(ListLimit).Select(c => Row(c, names, codes, now)).ToList();
        else
            containers = (await db.WasteContainers.AsNoTracking().OrderByDescending(c => c.GeneratedAt).ThenByDescending(c => c.Id).Take(ListLimit).ToListAsync(ct))
                .Select(c => Row(c, names, codes, now)).ToList();
        var ledger = (await db.WasteLedgerEntries.AsNoTracking().OrderByDescending(e => e.Id).Take(ListLimit).ToListAsync(ct)).Select(LedgerRow).ToList();
        return new WasteHomeView(IsStaff, now, stock, bins, containers, ledger);
    }

    /// <summary>Containers matching a search (<c>/hw/containers?q=</c>): part of the identifier, the waste code (or its
    /// category HWnn), the name, the generator's name or 统一社会信用代码, or a manifest number; newest first, at most
    /// <see cref="ListLimit"/>. Empty search: the newest.</summary>
    /// <param name="q">Search text, or null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<WasteContainerRow>> ContainersAsync(string? q, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var names = await db.Enterprises.AsNoTracking().Select(e => new { e.Uscc, e.Name }).ToDictionaryAsync(e => e.Uscc, e => e.Name, ct);
        var codes = await db.WasteFacilities.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Code, ct);
        var query = db.WasteContainers.AsNoTracking();
        if (Trim(q) is { } text)
        {
            var upper = text.ToUpperInvariant();
            var owners = names.Where(n => n.Value.Contains(text, StringComparison.Ordinal)).Select(n => n.Key).ToList();
            query = query.Where(c => c.Identifier.Contains(upper) || c.WasteCode.Contains(text) || c.Category == upper || c.Name.Contains(text)
                || c.Uscc.Contains(upper) || owners.Contains(c.Uscc) || (c.ManifestNumber != null && c.ManifestNumber.Contains(text)));
        }
        return (await query.OrderByDescending(c => c.GeneratedAt).ThenByDescending(c => c.Id).Take(ListLimit).ToListAsync(ct)).Select(c => Row(c, names, codes, now)).ToList();
    }

    /// <summary>Ledger entries of one container (its page), oldest first; empty when the caller cannot see it.</summary>
    /// <param name="identifier">数字识别码.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<WasteLedgerRow>> ContainerLedgerAsync(string identifier, CancellationToken ct = default) =>
        (await db.WasteLedgerEntries.AsNoTracking().Where(e => e.ContainerIdentifier == identifier).OrderBy(e => e.Id).ToListAsync(ct)).Select(LedgerRow).ToList();

    /// <summary>Every enterprise with a waste role the caller can see, for the map (<c>/hw/map</c>), by name.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<WastePartyRow>> PartiesAsync(CancellationToken ct = default)
    {
        var parties = await db.WasteParties.AsNoTracking().Where(p => p.Roles != WastePartyRoles.None).ToListAsync(ct);
        var usccs = parties.Select(p => p.Uscc).ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => usccs.Contains(e.Uscc)).ToListAsync(ct);
        var stock = (await db.WasteContainers.AsNoTracking().Where(c => c.State == WasteLedgerStage.Stored).Select(c => new { c.Uscc, c.QuantityT }).ToListAsync(ct))
            .GroupBy(c => c.Uscc).ToDictionary(g => g.Key, g => g.Sum(c => c.QuantityT));
        return enterprises.Select(e =>
        {
            var p = parties.Single(x => x.Uscc == e.Uscc);
            return new WastePartyRow(e.Uscc, e.Name, RoleIds(p.Roles), e.Longitude, e.Latitude, stock.GetValueOrDefault(e.Uscc));
        }).OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Uscc, StringComparer.Ordinal).ToList();
    }

    /// <summary>Role ids of <paramref name="roles"/>, main role first: receiver, disposal, carrier, medical, generator
    /// (the map colours a marker by its first).</summary>
    /// <param name="roles">Flags.</param>
    public static IReadOnlyList<string> RoleIds(WastePartyRoles roles)
    {
        var ids = new List<string>();
        if (roles.HasFlag(WastePartyRoles.Receiver)) ids.Add("receiver");
        if (roles.HasFlag(WastePartyRoles.MedicalDisposal)) ids.Add("disposal");
        if (roles.HasFlag(WastePartyRoles.Carrier)) ids.Add("carrier");
        if (roles.HasFlag(WastePartyRoles.MedicalInstitution)) ids.Add("medical");
        if (roles.HasFlag(WastePartyRoles.Generator)) ids.Add("generator");
        return ids;
    }

    private static WasteContainerRow Row(WasteContainer c, IReadOnlyDictionary<string, string> names, IReadOnlyDictionary<long, string> facilities, DateTimeOffset now) =>
        new(c.Identifier, c.Uscc, names.GetValueOrDefault(c.Uscc, c.Uscc), c.Name, c.Category, c.WasteCode, c.Hazard, c.Form, c.GeneratedAt, c.QuantityT,
            c.State.ToString(), c.FacilityId is { } f ? facilities.GetValueOrDefault(f) : null, c.StoredAt,
            c.State == WasteLedgerStage.Stored && c.StoredAt is { } s ? StorageAge.Days(s, now) : null, c.ManifestNumber);

    private static WasteLedgerRow LedgerRow(WasteLedgerEntry e) =>
        new(e.Id, e.Uscc, e.Stage.ToString(), e.At, e.ContainerIdentifier, e.Name, e.WasteCode, e.QuantityT, e.FacilityCode, e.Handler,
            e.ReceiverName ?? e.Destination, e.ManifestNumber);

    /// <summary>Tonnes as shown, e.g. <c>0.18 吨</c>: the stored value without trailing zeros (the columns are
    /// decimal(14,6), so six places lose nothing — SQLite returns <c>0.18</c>, PostgreSQL <c>0.180000</c> for the same value).</summary>
    /// <param name="tonnes">Quantity in tonnes.</param>
    public static string T(decimal tonnes) => Texts.Waste.Tonnes(tonnes.ToString("0.######", System.Globalization.CultureInfo.CurrentCulture));

    /// <summary>A quantity for a data attribute or an input: invariant culture, no trailing zeros (as <see cref="T"/>).</summary>
    /// <param name="value">Value.</param>
    public static string Number(decimal value) => value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Today in Beijing (the date the pages name).</summary>
    public DateOnly Today => BeijingTime.Today(time.GetUtcNow());
}
