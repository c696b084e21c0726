using Microsoft.EntityFrameworkCore;
using SmartEnv.Sources.Registry;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Sources.Excel;

public sealed partial class RegistryImporter
{
    private const string OutletsReason = "Excel 导入：排放口";
    private const string LimitsReason = "Excel 导入：许可排放限值";

    private async Task<Plan> PlanPermitsAsync(IReadOnlyList<PermitRow> rows, CancellationToken ct)
    {
        var errors = new List<RowError>();
        var usccs = rows.Select(r => r.Uscc).Distinct().ToList();
        var known = (await db.Enterprises.IgnoreQueryFilters().Where(e => usccs.Contains(e.Uscc)).Select(e => e.Uscc).ToListAsync(ct)).ToHashSet();
        var current = (await CurrentVersionsAsync(rows.Select(r => r.Number).ToList(), ct)).ToDictionary(x => x.Permit.Number);
        var writes = new List<(PermitRow Row, bool New)>();
        var unchanged = 0;
        foreach (var r in rows)
        {
            if (!known.Contains(r.Uscc))
            {
                errors.Add(new RowError(r.Row, Header(RegistryTable.Permits, "uscc"), $"no enterprise {r.Uscc}: import it with the enterprises template first"));
                continue;
            }
            if (!current.TryGetValue(r.Number, out var c)) writes.Add((r, true));
            // An empty 延续申请日期 keeps the stored one (RegistryService copies it), and the change reason is not compared.
            else if (RowOf(c.Permit, c.Version, r.Row) == r with { ChangeReason = c.Version.ChangeReason, RenewalFiledOn = r.RenewalFiledOn ?? c.Version.RenewalFiledOn }) unchanged++;
            else writes.Add((r, false));
        }
        return new Plan(writes.Count(w => w.New), writes.Count(w => !w.New), unchanged, writes.Count, errors, async (actor, token) =>
        {
            var registry = new RegistryService(db, time);
            foreach (var (r, isNew) in writes)
                await registry.AddVersionAsync(r.Uscc, r.Number, new PermitVersionInput(Category(r.ManagementCategory), r.IssuedOn, r.ValidFrom,
                    r.ValidTo, r.RenewalFiledOn, r.ReportAnnual, r.ReportSemiannual, r.ReportQuarterly, r.ReportMonthly,
                    r.ChangeReason ?? (isNew ? "Excel 导入" : "Excel 导入：变更")), actor, token);
        });
    }

    private async Task<Plan> PlanOutletsAsync(IReadOnlyList<OutletRow> rows, CancellationToken ct)
    {
        var errors = new List<RowError>();
        var current = (await CurrentVersionsAsync(rows.Select(r => r.PermitNumber).Distinct().ToList(), ct)).ToDictionary(x => x.Permit.Number);
        int created = 0, changed = 0, unchanged = 0;
        var versions = new List<(string Uscc, string Number, List<OutletInput> Outlets)>();
        foreach (var group in rows.GroupBy(r => r.PermitNumber))
        {
            if (!current.TryGetValue(group.Key, out var c))
            {
                foreach (var r in group) errors.Add(NoPermit(RegistryTable.Outlets, r.Row, r.PermitNumber));
                continue;
            }
            var outlets = c.Version.Outlets.OrderBy(o => o.Code, StringComparer.Ordinal).ToDictionary(o => o.Code, o => InputOf(o));
            var any = false;
            foreach (var r in group)
            {
                var had = outlets.TryGetValue(r.Code, out var old);
                var input = new OutletInput(r.Code, Type(r.Type), r.Name, r.Longitude, r.Latitude, r.ExpectedIntervalMinutes, old?.Limits ?? []);
                if (had && Same(old!, input)) { unchanged++; continue; }
                if (had) changed++; else created++;
                outlets[r.Code] = input;
                any = true;
            }
            if (any) versions.Add((c.Permit.Uscc, c.Permit.Number, outlets.Values.ToList()));
        }
        return new Plan(created, changed, unchanged, versions.Count, errors, (actor, token) => AddVersionsAsync(versions, OutletsReason, actor, token));
    }

    private async Task<Plan> PlanLimitsAsync(IReadOnlyList<LimitRow> rows, CancellationToken ct)
    {
        var errors = new List<RowError>();
        var current = (await CurrentVersionsAsync(rows.Select(r => r.PermitNumber).Distinct().ToList(), ct)).ToDictionary(x => x.Permit.Number);
        int created = 0, changed = 0, unchanged = 0;
        var versions = new List<(string Uscc, string Number, List<OutletInput> Outlets)>();
        foreach (var group in rows.GroupBy(r => r.PermitNumber))
        {
            if (!current.TryGetValue(group.Key, out var c))
            {
                foreach (var r in group) errors.Add(NoPermit(RegistryTable.Limits, r.Row, r.PermitNumber));
                continue;
            }
            var outlets = c.Version.Outlets.OrderBy(o => o.Code, StringComparer.Ordinal).ToDictionary(o => o.Code, o => InputOf(o));
            var any = false;
            foreach (var r in group)
            {
                if (!outlets.TryGetValue(r.OutletCode, out var o))
                {
                    errors.Add(new RowError(r.Row, Header(RegistryTable.Limits, "outlet_code"),
                        $"permit {r.PermitNumber} has no outlet {r.OutletCode} in its current version: import it with the outlets template first"));
                    continue;
                }
                var limits = o.Limits.ToList();
                var input = new LimitInput(r.ParameterCode, r.LimitValue, r.Unit, r.StandardRef, r.ReferenceO2, r.AnnualQuantityT);
                var i = limits.FindIndex(l => l.ParameterCode == r.ParameterCode);
                if (i >= 0 && limits[i] == input) { unchanged++; continue; }
                if (i >= 0) { changed++; limits[i] = input; }
                else { created++; limits.Add(input); }
                outlets[r.OutletCode] = o with { Limits = limits };
                any = true;
            }
            if (any) versions.Add((c.Permit.Uscc, c.Permit.Number, outlets.Values.ToList()));
        }
        return new Plan(created, changed, unchanged, versions.Count, errors, (actor, token) => AddVersionsAsync(versions, LimitsReason, actor, token));
    }

    private async Task AddVersionsAsync(List<(string Uscc, string Number, List<OutletInput> Outlets)> versions, string reason, AuditActor actor, CancellationToken ct)
    {
        var registry = new RegistryService(db, time);
        foreach (var (uscc, number, outlets) in versions)
            await registry.AddVersionAsync(uscc, number, new PermitVersionInput(ChangeReason: reason, Outlets: outlets), actor, ct);
    }

    private static RowError NoPermit(RegistryTable t, int row, string number) =>
        new(row, Header(t, "permit_number"), $"no permit {number}: import it with the permits template first");

    private static OutletInput InputOf(PermitOutlet o) => new(o.Code, o.Type, o.Name, o.Longitude, o.Latitude, o.ExpectedIntervalMinutes,
        o.Limits.OrderBy(l => l.ParameterCode, StringComparer.Ordinal)
            .Select(l => new LimitInput(l.ParameterCode, l.LimitValue, l.Unit, l.StandardRef, l.ReferenceO2, l.AnnualQuantityT)).ToList());

    private static bool Same(OutletInput a, OutletInput b) =>
        (a.Code, a.Type, a.Name, a.Longitude, a.Latitude, a.ExpectedIntervalMinutes) == (b.Code, b.Type, b.Name, b.Longitude, b.Latitude, b.ExpectedIntervalMinutes);

    private static OutletTypeKind Type(string key) => key switch
    {
        "main" => OutletTypeKind.Main,
        "general" => OutletTypeKind.General,
        "other" => OutletTypeKind.Other,
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };
}
