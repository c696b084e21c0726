using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste.Catalogue;
using SmartEnv.Supervision.Waste.Labels;

namespace SmartEnv.Waste.Labels;

/// <summary>
/// What anyone who scans a label sees (issue 17: "a short public view"): the waste's name, category, code and hazard
/// characteristics, the generator's name and the generation date — nothing else (no quantity, facility, contact, ledger).
/// </summary>
/// <param name="Identifier">数字识别码.</param>
/// <param name="Name">废物名称.</param>
/// <param name="Category">废物类别, e.g. <c>HW08</c>.</param>
/// <param name="WasteCode">废物代码, e.g. <c>900-249-08</c>.</param>
/// <param name="Hazard">危险特性 as in the list (e.g. <c>T，I</c>), or null when not recorded.</param>
/// <param name="HazardNamesZh">The Chinese names of its characteristics (<see cref="HazardPictogram.Boxes"/>).</param>
/// <param name="GeneratorName">产生单位 (the enterprise's registered name).</param>
/// <param name="GeneratedOn">产生日期 (Beijing calendar date).</param>
public sealed record ContainerPublicView(string Identifier, string Name, string Category, string WasteCode, string? Hazard,
    IReadOnlyList<string> HazardNamesZh, string GeneratorName, DateOnly GeneratedOn);

/// <summary>One ledger entry of a container as the container page lists it for a signed-in party or staff (HJ 1259 §6.3).</summary>
/// <param name="At">Time of the stage (UTC).</param>
/// <param name="Stage">产生 / 入库 / 出库 / 自行利用处置 / 委外.</param>
/// <param name="QuantityT">Quantity in tonnes.</param>
/// <param name="QuantityAsGiven">The quantity as given.</param>
/// <param name="UnitAsGiven">Its unit.</param>
/// <param name="BatchCode">批次编码, or null.</param>
/// <param name="FacilityCode">设施编码, or null.</param>
/// <param name="Handler">经办人, or null.</param>
/// <param name="Destination">去向, or null.</param>
/// <param name="ManifestNumber">联单编号, or null.</param>
/// <param name="RecordedBy">Who recorded it.</param>
public sealed record ContainerLedgerRow(DateTimeOffset At, WasteLedgerStage Stage, decimal QuantityT, decimal QuantityAsGiven, string UnitAsGiven,
    string? BatchCode, string? FacilityCode, string? Handler, string? Destination, string? ManifestNumber, string RecordedBy);

/// <summary>A container's ledger as a party or staff sees it.</summary>
/// <param name="Uscc">The generator's 统一社会信用代码 (the label's address: <c>/api/enterprises/{uscc}/hw/containers/{identifier}/label.pdf</c>).</param>
/// <param name="Rows">Its ledger entries, oldest first.</param>
public sealed record ContainerLedger(string Uscc, IReadOnlyList<ContainerLedgerRow> Rows);

/// <summary>A printed label: its content, size and PDF.</summary>
/// <param name="Label">The content.</param>
/// <param name="Size">The HJ 1276 size used.</param>
/// <param name="Pdf">The PDF bytes.</param>
public sealed record LabelDocument(HwLabel Label, LabelDimensions Size, byte[] Pdf);

/// <summary>
/// Labels and the container page (issue 17 P3, docs/waste.md): builds the <see cref="HwLabel"/> of a stored container
/// (HJ 1276 fields from <c>hw_containers</c>, the generator's name and contact from <c>enterprises</c>, the hazard from the
/// container row or, when not recorded there, from the catalogue edition the code was checked against) and prints it
/// (<see cref="LabelPdf"/>); answers the public view of an identifier and, for a caller whose scope sees the container
/// (its generator's users, staff), its ledger entries. Reads through the given context: labels and ledger rows obey its
/// <see cref="DataScope"/>; the public view alone reads past it and returns only <see cref="ContainerPublicView"/>'s fields.
/// Printing changes nothing, so it is not audited. Scoped; not thread-safe (one context).
/// </summary>
/// <param name="db">The caller's scoped context.</param>
/// <param name="options">Public address and font.</param>
public sealed class LabelService(SmartEnvDbContext db, LabelOptions options)
{
    /// <summary>The public view of <paramref name="identifier"/>, whoever asks.</summary>
    /// <param name="identifier">The container's 数字识别码.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The view, or null when no container has that identifier.</returns>
    public async Task<ContainerPublicView?> PublicViewAsync(string identifier, CancellationToken ct = default)
    {
        var row = await (from c in db.WasteContainers.IgnoreQueryFilters()
                         join e in db.Enterprises.IgnoreQueryFilters() on c.Uscc equals e.Uscc
                         where c.Identifier == identifier
                         select new { c.Identifier, c.Name, c.Category, c.WasteCode, c.Hazard, c.ListVersion, c.GeneratedAt, Generator = e.Name })
            .AsNoTracking().SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var hazard = HazardOf(row.Hazard, row.ListVersion, row.WasteCode);
        return new ContainerPublicView(row.Identifier, row.Name, row.Category, row.WasteCode, hazard?.Text,
            hazard is null ? [] : HazardPictogram.Boxes(hazard), row.Generator, BeijingTime.Date(row.GeneratedAt));
    }

    /// <summary>The ledger entries of <paramref name="identifier"/> in time order, when the caller's scope sees the container
    /// (its generator's users, staff).</summary>
    /// <param name="identifier">The container's 数字识别码.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The generator's code and the rows (possibly none), or null when the container is unknown or outside the
    /// caller's scope.</returns>
    public async Task<ContainerLedger?> LedgerAsync(string identifier, CancellationToken ct = default)
    {
        var c = await db.WasteContainers.AsNoTracking().Where(x => x.Identifier == identifier).Select(x => new { x.Id, x.Uscc }).SingleOrDefaultAsync(ct);
        if (c is null) return null;
        var rows = await db.WasteLedgerEntries.AsNoTracking().Where(e => e.ContainerId == c.Id).ToListAsync(ct);
        return new ContainerLedger(c.Uscc, rows.OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new ContainerLedgerRow(e.At, e.Stage, e.QuantityT, e.QuantityAsGiven, e.UnitAsGiven, e.BatchCode, e.FacilityCode,
                e.Handler, e.Destination, e.ManifestNumber, e.RecordedBy))
            .ToList());
    }

    /// <summary>The label content of container <paramref name="identifier"/> of enterprise <paramref name="uscc"/>.</summary>
    /// <param name="uscc">The generator's 统一社会信用代码.</param>
    /// <param name="identifier">The container's 数字识别码.</param>
    /// <param name="requestBase">The public base when <see cref="LabelOptions.PublicBaseUrl"/> is not set (the request's
    /// <c>scheme://host/pathbase</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The label and the container's volume (litres, null when not recorded); null when the container is not
    /// the enterprise's or outside the caller's scope.</returns>
    public async Task<(HwLabel Label, decimal? VolumeL)?> LabelAsync(string uscc, string identifier, string requestBase, CancellationToken ct = default)
    {
        var c = await db.WasteContainers.AsNoTracking().SingleOrDefaultAsync(x => x.Identifier == identifier && x.Uscc == uscc, ct);
        if (c is null) return null;
        var e = await db.Enterprises.AsNoTracking().SingleAsync(x => x.Uscc == uscc, ct);
        return (Build(c, e, options.PublicBaseUrl ?? requestBase), c.VolumeL);
    }

    /// <summary>Prints container <paramref name="identifier"/>'s label at the size its volume gives (<see cref="LabelSize.For(decimal?)"/>).</summary>
    /// <param name="uscc">The generator's 统一社会信用代码.</param>
    /// <param name="identifier">The container's 数字识别码.</param>
    /// <param name="requestBase">Public base when none is configured.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The document, or null as <see cref="LabelAsync"/>.</returns>
    /// <exception cref="LabelFontMissingException">No CJK font.</exception>
    public async Task<LabelDocument?> PrintAsync(string uscc, string identifier, string requestBase, CancellationToken ct = default)
    {
        if (await LabelAsync(uscc, identifier, requestBase, ct) is not { } found) return null;
        var size = LabelSize.For(found.VolumeL);
        return new LabelDocument(found.Label, size, LabelPdf.Render(found.Label, size, options));
    }

    /// <summary>The label content of a container row (HJ 1276 fields; contact = the enterprise's contact name and phone).</summary>
    /// <param name="c">The container.</param>
    /// <param name="generator">Its generator's enterprise row.</param>
    /// <param name="publicBase">Public base of the QR address.</param>
    /// <returns>The label.</returns>
    public static HwLabel Build(WasteContainer c, Enterprise generator, string publicBase)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(generator);
        var hazard = HazardOf(c.Hazard, c.ListVersion, c.WasteCode) ?? new HazardCharacteristics([], HazardJoin.Single, "");
        var contact = string.Join(" ", new[] { generator.ContactName, generator.ContactPhone }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new HwLabel(c.Identifier, c.Name, c.Category, c.WasteCode, c.Form ?? "", hazard, c.MainComponents ?? "",
            c.HarmfulComponents ?? "", c.Precautions ?? "", generator.Name, contact, BeijingTime.Date(c.GeneratedAt), c.QuantityT,
            ContainerUrl.For(publicBase, c.Identifier));
    }

    /// <summary>The hazard as recorded on the container, else that of its code in the catalogue edition it was checked against.</summary>
    private static HazardCharacteristics? HazardOf(string? recorded, string listVersion, string wasteCode)
    {
        if (HazardCharacteristics.TryParse(recorded, out var h, out _) && h is not null) return h;
        return HwCatalogues.Default.Version(listVersion)?.Find(wasteCode)?.Hazard;
    }
}
