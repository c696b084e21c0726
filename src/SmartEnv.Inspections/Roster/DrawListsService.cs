using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Inspections;

namespace SmartEnv.Inspections.Roster;

/// <summary>One inspector of the 执法检查人员名录库 as staff see it. Immutable; thread-safe.</summary>
/// <param name="UserName">The account.</param>
/// <param name="DisplayName">The name shown (personal data: staff only).</param>
/// <param name="Certificate">The enforcement certificate number (执法证号).</param>
/// <param name="Department">The department (科室/大队), or null.</param>
/// <param name="Disabled">A disabled account is not in the next frozen list.</param>
/// <param name="Conflicts">USCCs the inspector declared a conflict of interest with, ordinal order.</param>
public sealed record RosterInspector(string UserName, string? DisplayName, string Certificate, string? Department, bool Disabled, IReadOnlyList<string> Conflicts);

/// <summary>
/// Keeps the two lists a 双随机 draw is frozen from (supervision.md §6, 一单两库; docs/inspections.md "Setting up the
/// lists"): the 执法检查人员名录库 — an account's enforcement certificate and department (<see cref="SetInspectorAsync"/>)
/// and its declared conflicts of interest (<see cref="DeclareConflictAsync"/>, 行政处罚法 Art. 43) — and, on the
/// 监管对象库 side, an enterprise's 特殊监管对象 reason and 正面清单 flag (<see cref="SetSupervisionAsync"/>; 重点排污单位 comes
/// from the registry). Every change is one audit entry (<c>inspector.set</c>, <c>inspector.conflict</c>,
/// <c>inspector.conflict_withdrawn</c>, <c>enterprise.supervision</c>) with before and after. A change affects only plans
/// frozen after it: a frozen plan keeps its lists. Not thread-safe (one DbContext per instance).
/// </summary>
/// <param name="db">The store context (<see cref="DataScope.All"/>).</param>
/// <param name="time">The clock (the Beijing day of a declaration).</param>
public sealed class DrawListsService(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>Audit target type of inspectors (id = user name).</summary>
    public const string TargetInspector = "inspector";

    /// <summary>Audit target type of an enterprise's supervision class (id = USCC).</summary>
    public const string TargetEnterprise = "enterprise";

    /// <summary>The roster: accounts with a certificate, certificate order (the order a plan is frozen in).</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<RosterInspector>> RosterAsync(CancellationToken ct = default)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.EnforcementCertificate != null)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.EnforcementCertificate, u.Department, u.Disabled }).ToListAsync(ct);
        var conflicts = await db.InspectorConflicts.AsNoTracking().Select(c => new { c.UserId, c.Uscc }).ToListAsync(ct);
        return [.. users.OrderBy(u => u.EnforcementCertificate, StringComparer.Ordinal).Select(u => new RosterInspector(u.UserName ?? "", u.DisplayName,
            u.EnforcementCertificate!, u.Department, u.Disabled, [.. conflicts.Where(c => c.UserId == u.Id).Select(c => c.Uscc).Order(StringComparer.Ordinal)]))];
    }

    /// <summary>Sets (or, with a null certificate, clears) an account's enforcement certificate and department.</summary>
    /// <param name="userName">The account.</param>
    /// <param name="certificate">执法证号, 1–32 characters without spaces, unique; null removes the account from the roster.</param>
    /// <param name="department">The department, ≤ 64 characters; null or blank for none.</param>
    /// <param name="actor">Who (audited).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="InspectionException">404 no such account; 400 certificate or department malformed; 409 the
    /// certificate belongs to another account.</exception>
    public async Task<RosterInspector?> SetInspectorAsync(string userName, string? certificate, string? department, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, ct) ?? throw new InspectionException(404, $"no account {userName}");
        certificate = string.IsNullOrWhiteSpace(certificate) ? null : certificate.Trim();
        department = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        if (certificate is not null && (certificate.Length > SmartEnv.Storage.Accounts.SmartEnvUser.CertificateLength || certificate.Any(char.IsWhiteSpace)))
            throw new InspectionException(400, $"certificate: 1–{SmartEnv.Storage.Accounts.SmartEnvUser.CertificateLength} characters without spaces");
        if (department is { Length: > 64 }) throw new InspectionException(400, "department: at most 64 characters");
        if (certificate is not null && await db.Users.AnyAsync(u => u.EnforcementCertificate == certificate && u.Id != user.Id, ct))
            throw new InspectionException(409, $"certificate {certificate} belongs to another account");
        var before = new { certificate = user.EnforcementCertificate, department = user.Department };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        (user.EnforcementCertificate, user.Department) = (certificate, department);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "inspector.set", TargetInspector, userName, before, new { certificate, department }, null, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return certificate is null ? null : (await RosterAsync(ct)).Single(r => r.UserName == userName);
    }

    /// <summary>Records that an inspector declared a conflict of interest with an enterprise (never drawn for it), or,
    /// with <paramref name="withdraw"/>, removes the declaration.</summary>
    /// <param name="userName">The inspector's account (must hold a certificate).</param>
    /// <param name="uscc">The enterprise, in the registry.</param>
    /// <param name="note">Why (e.g. 亲属在该企业任职), ≤ 256 characters; optional.</param>
    /// <param name="withdraw">Remove instead of declare.</param>
    /// <param name="actor">Who (audited).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="InspectionException">404 no such account, or it has no certificate, or no such enterprise, or
    /// (withdraw) no such declaration; 400 note too long; 409 already declared.</exception>
    public async Task DeclareConflictAsync(string userName, string uscc, string? note, bool withdraw, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName && u.EnforcementCertificate != null, ct)
                   ?? throw new InspectionException(404, $"no inspector {userName} (an account with an enforcement certificate)");
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) throw new InspectionException(404, $"no enterprise {uscc} in the registry");
        if (note is { Length: > InspectorConflict.NoteLength }) throw new InspectionException(400, $"note: at most {InspectorConflict.NoteLength} characters");
        var row = await db.InspectorConflicts.SingleOrDefaultAsync(c => c.UserId == user.Id && c.Uscc == uscc, ct);
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        if (withdraw)
        {
            if (row is null) throw new InspectionException(404, $"{userName} declared no conflict with {uscc}");
            db.InspectorConflicts.Remove(row);
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, actor, "inspector.conflict_withdrawn", TargetInspector, userName,
                new { uscc, declared_on = row.DeclaredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note = row.Note }, null, null, now, ct);
        }
        else
        {
            if (row is not null) throw new InspectionException(409, $"{userName} declared a conflict with {uscc} on {row.DeclaredOn:yyyy-MM-dd}");
            var declared = new InspectorConflict { UserId = user.Id, Uscc = uscc, DeclaredOn = BeijingTime.Date(now), Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() };
            db.InspectorConflicts.Add(declared);
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, actor, "inspector.conflict", TargetInspector, userName, null,
                new { uscc, declared_on = declared.DeclaredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note = declared.Note }, null, now, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Sets an enterprise's class in the 监管对象库: the 特殊监管对象 reason (e.g. 上年受处罚, 挂牌督办; null or blank
    /// clears it) and whether it is on the 正面清单 (drawn tasks off-site).</summary>
    /// <param name="uscc">The enterprise, in the registry.</param>
    /// <param name="specialReason">The reason, ≤ the column width; null or blank for not special.</param>
    /// <param name="positiveList">On the 正面清单.</param>
    /// <param name="actor">Who (audited).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="InspectionException">404 no such enterprise; 400 reason too long.</exception>
    public async Task SetSupervisionAsync(string uscc, string? specialReason, bool positiveList, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var e = await db.Enterprises.SingleOrDefaultAsync(x => x.Uscc == uscc, ct) ?? throw new InspectionException(404, $"no enterprise {uscc} in the registry");
        specialReason = string.IsNullOrWhiteSpace(specialReason) ? null : specialReason.Trim();
        if (specialReason is { Length: > SmartEnv.Storage.Entities.Enterprise.SpecialReasonLength })
            throw new InspectionException(400, $"special reason: at most {SmartEnv.Storage.Entities.Enterprise.SpecialReasonLength} characters");
        var before = new { special_reason = e.SpecialSupervisionReason, positive_list = e.OnPositiveList };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        (e.SpecialSupervisionReason, e.OnPositiveList) = (specialReason, positiveList);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "enterprise.supervision", TargetEnterprise, uscc, before,
            new { special_reason = specialReason, positive_list = positiveList }, null, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
    }
}
