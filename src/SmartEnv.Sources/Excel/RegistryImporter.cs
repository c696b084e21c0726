using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Supervision.District;

namespace SmartEnv.Sources.Excel;

/// <summary>What an import did (or, for a dry run or a refused file, would have had to do). Immutable.</summary>
/// <param name="Table">Table name (<c>enterprises|permits|outlets|limits</c>).</param>
/// <param name="File">File name as uploaded or given, or null.</param>
/// <param name="DryRun">True when nothing was to be written.</param>
/// <param name="Stored">True when the rows were written (no fault, not a dry run); false means nothing was written.</param>
/// <param name="DataRows">Non-empty data rows in the sheet.</param>
/// <param name="Created">Records that are (or would be) new: enterprises, permits, outlets or limits.</param>
/// <param name="Changed">Records that differ from the stored ones and are (or would be) changed.</param>
/// <param name="Unchanged">Rows equal to what is stored (nothing to write).</param>
/// <param name="PermitVersions">New permit versions written (permits, outlets and limits tables; a permit version is
/// append-only, so a changed outlet or limit adds a version of its permit).</param>
/// <param name="Errors">Every fault, in row order; non-empty means nothing was written.</param>
/// <param name="Warnings">What is kept but flagged (<see cref="RegistrySheet.Warnings"/>); never stops an import.</param>
public sealed record RegistryImportResult(string Table, string? File, bool DryRun, bool Stored, int DataRows, int Created, int Changed,
    int Unchanged, int PermitVersions, IReadOnlyList<RowError> Errors, IReadOnlyList<RowError> Warnings);

/// <summary>
/// Imports one registry template into the store and exports the stored registry in the same layout (issue 16 "Import from
/// Excel … and export"). An import reads and validates the whole sheet (<see cref="RegistryWorkbook.Read"/>), then checks
/// every row against the store (the enterprise of a permit, the permit of an outlet, the outlet of a limit must exist);
/// any fault → <b>nothing is written</b> and every fault is returned (a dry run stops there too). Otherwise all rows are
/// written in <b>one</b> transaction with their audit entries (<c>enterprise.create</c>/<c>enterprise.update</c> per
/// enterprise, <c>permit.create</c>/<c>permit.version.add</c> per permit through <see cref="Registry.RegistryService"/>,
/// and one <see cref="ActionImport"/> entry with the counts).
/// <para>Semantics (SmartEnv rule): a row is keyed (enterprise by USCC, permit by number, outlet by permit number + code,
/// limit by permit number + outlet code + pollutant); a row equal to the stored record is unchanged; an enterprise row
/// replaces every template column of the stored enterprise (an empty cell clears the field); a permit row adds a version
/// when any of its columns differs from the current version (its outlets are carried over); outlet and limit rows add or
/// replace those outlets/limits in the permit's current version and add one new version per permit they change — outlets
/// and limits that the file does not name are kept (an import never deletes).</para>
/// Not thread-safe (one per unit of work, as its context). Use an unrestricted or staff context.
/// </summary>
/// <param name="db">Store context (staff scope: every enterprise).</param>
/// <param name="time">Clock of created/updated times.</param>
public sealed partial class RegistryImporter(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>Audit action of an import that wrote rows (one entry per import; target type <c>import</c>).</summary>
    public const string ActionImport = "registry.import";

    /// <summary>Reads, checks and (unless <paramref name="dryRun"/> or a fault) stores <paramref name="xlsx"/> as <paramref name="table"/>.</summary>
    /// <param name="xlsx">Workbook bytes.</param>
    /// <param name="table">Which template.</param>
    /// <param name="fileName">File name for the result and the audit entry, or null.</param>
    /// <param name="actor">Who (audit).</param>
    /// <param name="dryRun">Check only.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<RegistryImportResult> ImportAsync(Stream xlsx, RegistryTable table, string? fileName, AuditActor actor, bool dryRun, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        ArgumentNullException.ThrowIfNull(actor);
        var sheet = RegistryWorkbook.Read(xlsx, table);
        var name = RegistryTables.Name(table);
        var plan = table switch
        {
            RegistryTable.Enterprises => await PlanEnterprisesAsync(sheet.Rows.Cast<EnterpriseRow>().ToList(), ct),
            RegistryTable.Permits => await PlanPermitsAsync(sheet.Rows.Cast<PermitRow>().ToList(), ct),
            RegistryTable.Outlets => await PlanOutletsAsync(sheet.Rows.Cast<OutletRow>().ToList(), ct),
            RegistryTable.Limits => await PlanLimitsAsync(sheet.Rows.Cast<LimitRow>().ToList(), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
        var errors = sheet.Errors.Concat(plan.Errors).OrderBy(e => e.Row).ToList();
        RegistryImportResult Result(bool stored) =>
            new(name, fileName, dryRun, stored, sheet.DataRows, plan.Created, plan.Changed, plan.Unchanged, stored ? plan.Versions : 0, errors, sheet.Warnings);
        if (errors.Count > 0 || dryRun) return Result(false);
        if (plan.Created + plan.Changed == 0) return Result(true);

        await using var tx = await AuditTrail.BeginAsync(db, ct);
        try
        {
            await plan.Apply(actor, ct);
        }
        catch (Exception e) when (e is Registry.RegistryException or DbUpdateException)
        {
            // Pre-checked above; a concurrent change can still collide. Nothing is committed.
            errors.Add(new RowError(0, "", e.InnerException?.Message ?? e.Message));
            return Result(false);
        }
        await AuditTrail.AppendAsync(db, actor, ActionImport, "import", name + (fileName is null ? "" : ":" + fileName), null,
            new { table = name, file = fileName, data_rows = sheet.DataRows, created = plan.Created, changed = plan.Changed, unchanged = plan.Unchanged, permit_versions = plan.Versions },
            null, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return Result(true);
    }

    /// <summary>Writes the stored rows of <paramref name="table"/> in the template layout (<see cref="RegistryWorkbook.Write"/>).</summary>
    /// <param name="output">Destination.</param>
    /// <param name="table">Table.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task ExportAsync(Stream output, RegistryTable table, CancellationToken ct = default) =>
        RegistryWorkbook.Write(output, table, await ExportRowsAsync(table, ct));

    /// <summary>The stored rows of <paramref name="table"/> as template rows (row numbers as they will be written: 2, 3, …);
    /// permits, outlets and limits from each permit's current version, ordered by key.</summary>
    /// <param name="table">Table.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<RegistryRow>> ExportRowsAsync(RegistryTable table, CancellationToken ct = default)
    {
        var rows = new List<RegistryRow>();
        if (table == RegistryTable.Enterprises)
        {
            foreach (var e in await db.Enterprises.AsNoTracking().OrderBy(e => e.Uscc).ToListAsync(ct))
                rows.Add(RowOf(e, rows.Count + 2));
            return rows;
        }
        foreach (var (p, v) in await CurrentVersionsAsync(null, ct))
        {
            if (table == RegistryTable.Permits)
            {
                rows.Add(RowOf(p, v, rows.Count + 2));
                continue;
            }
            foreach (var o in v.Outlets.OrderBy(o => o.Code, StringComparer.Ordinal))
            {
                if (table == RegistryTable.Outlets) rows.Add(RowOf(p.Number, o, rows.Count + 2));
                else
                    foreach (var l in o.Limits.OrderBy(l => l.ParameterCode, StringComparer.Ordinal))
                        rows.Add(RowOf(p.Number, o.Code, l, rows.Count + 2));
            }
        }
        return rows;
    }

    /// <summary>Permits (in scope) with their current version, outlets and limits, ordered by number; only <paramref name="numbers"/> when given.</summary>
    private async Task<List<(Permit Permit, PermitVersion Version)>> CurrentVersionsAsync(IReadOnlyCollection<string>? numbers, CancellationToken ct)
    {
        var q = db.Permits.AsNoTracking();
        if (numbers is not null) q = q.Where(p => numbers.Contains(p.Number));
        var permits = await q.OrderBy(p => p.Number).ToListAsync(ct);
        var ids = permits.Select(p => p.Id).ToList();
        var versions = await db.PermitVersions.AsNoTracking().Include(v => v.Outlets).ThenInclude(o => o.Limits)
            .Where(v => ids.Contains(v.PermitId)).ToListAsync(ct);
        var current = versions.GroupBy(v => v.PermitId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version)!);
        return permits.Where(p => current.ContainsKey(p.Id)).Select(p => (p, current[p.Id])).ToList();
    }

    private sealed record Plan(int Created, int Changed, int Unchanged, int Versions, IReadOnlyList<RowError> Errors, Func<AuditActor, CancellationToken, Task> Apply);

    private static string Header(RegistryTable t, string key) => RegistryTables.Column(t, key).Header;

    // ---- rows of the stored registry (export, comparison) -----------------------------------------------------

    private static PermitRow RowOf(Permit p, PermitVersion v, int row) => new(row, p.Number, p.Uscc, CategoryKey(v.Category), v.IssuedOn,
        v.ValidFrom, v.ValidTo, v.RenewalFiledOn, v.ReportAnnual, v.ReportSemiannual, v.ReportQuarterly, v.ReportMonthly, v.ChangeReason);

    private static OutletRow RowOf(string number, PermitOutlet o, int row) => new(row, number, o.Code,
        o.Medium == OutletMediumKind.Air ? "air" : "water", TypeKey(o.Type), o.Name, o.Longitude, o.Latitude, o.ExpectedIntervalMinutes);

    private static LimitRow RowOf(string number, string outlet, PermitLimit l, int row) =>
        new(row, number, outlet, l.ParameterCode, l.LimitValue, l.Unit, l.StandardRef, l.ReferenceO2, l.AnnualQuantityT);

    private static string TypeKey(OutletTypeKind t) => t switch
    {
        OutletTypeKind.Main => "main",
        OutletTypeKind.General => "general",
        OutletTypeKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    // ---- enterprises ---------------------------------------------------------------------------------------------

    private static EnterpriseRow RowOf(Enterprise e, int row) => new(row, e.Uscc, e.Name, e.Address,
        DistrictStreets.Find(e.StreetCode) ?? DistrictStreets.Find(e.Street), e.Longitude, e.Latitude, e.IndustryCode,
        e.ManagementCategory is { } c ? CategoryKey(c) : null, e.IsKeyDischarger, e.ContactName, e.ContactPhone);

    private async Task<Plan> PlanEnterprisesAsync(IReadOnlyList<EnterpriseRow> rows, CancellationToken ct)
    {
        var keys = rows.Select(r => r.Uscc).ToList();
        var stored = await db.Enterprises.IgnoreQueryFilters().Where(e => keys.Contains(e.Uscc)).ToDictionaryAsync(e => e.Uscc, ct);
        var creates = new List<EnterpriseRow>();
        var changes = new List<(EnterpriseRow Row, Enterprise Entity)>();
        var unchanged = 0;
        foreach (var r in rows)
        {
            if (!stored.TryGetValue(r.Uscc, out var e)) creates.Add(r);
            else if (RowOf(e, r.Row) == r) unchanged++;
            else changes.Add((r, e));
        }
        return new Plan(creates.Count, changes.Count, unchanged, 0, [], async (actor, token) =>
        {
            var now = time.GetUtcNow();
            foreach (var r in creates)
            {
                var e = new Enterprise { Uscc = r.Uscc, Name = r.Name, CreatedAt = now };
                Apply(e, r);
                db.Enterprises.Add(e);
                await db.SaveChangesAsync(token);
                await AuditTrail.AppendAsync(db, actor, "enterprise.create", "enterprise", e.Uscc, null, Snapshot(e), "Excel 导入", now, token);
            }
            foreach (var (r, e) in changes)
            {
                var before = Snapshot(e);
                Apply(e, r);
                e.UpdatedAt = now;
                await db.SaveChangesAsync(token);
                await AuditTrail.AppendAsync(db, actor, "enterprise.update", "enterprise", e.Uscc, before, Snapshot(e), "Excel 导入", now, token);
            }
        });
    }

    private static void Apply(Enterprise e, EnterpriseRow r)
    {
        e.Name = r.Name;
        e.Address = r.Address;
        e.Street = r.Street?.Name;
        e.StreetCode = r.Street?.Code;
        e.Longitude = r.Longitude;
        e.Latitude = r.Latitude;
        e.IndustryCode = r.IndustryCode;
        e.ManagementCategory = r.ManagementCategory is { } c ? Category(c) : null;
        e.IsKeyDischarger = r.IsKeyDischarger;
        e.ContactName = r.ContactName;
        e.ContactPhone = r.ContactPhone;
    }

    /// <summary>Audit snapshot of an enterprise: every registry column.</summary>
    private static object Snapshot(Enterprise e) => new
    {
        uscc = e.Uscc, name = e.Name, address = e.Address, street = e.Street, street_code = e.StreetCode, longitude = e.Longitude,
        latitude = e.Latitude, industry_code = e.IndustryCode, management_category = e.ManagementCategory is { } c ? CategoryKey(c) : null,
        is_key_discharger = e.IsKeyDischarger, contact_name = e.ContactName, contact_phone = e.ContactPhone,
    };

    private static PermitCategory Category(string key) => key switch
    {
        "key" => PermitCategory.Key,
        "simplified" => PermitCategory.Simplified,
        "registration" => PermitCategory.Registration,
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    private static string CategoryKey(PermitCategory c) => c switch
    {
        PermitCategory.Key => "key",
        PermitCategory.Simplified => "simplified",
        PermitCategory.Registration => "registration",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };
}
