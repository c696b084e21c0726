using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Supervision.Credit;

namespace SmartEnv.Inspections.Enforcement;

/// <summary>An enforcement case as entered (create or full update). Immutable; thread-safe.</summary>
/// <param name="CaseNumber">案号 (unique; not changed by an update).</param>
/// <param name="Uscc">The party's 统一社会信用代码.</param>
/// <param name="LegalBasis">Legal basis (article), e.g. 《排污许可管理条例》第三十四条.</param>
/// <param name="PenaltyType">Penalty type.</param>
/// <param name="Amount">Fine in 元 (≥ 0, at most 2 decimals), or null.</param>
/// <param name="FiledOn">立案 day.</param>
/// <param name="NotifiedOn">告知 day, or null.</param>
/// <param name="DecidedOn">决定 day, or null.</param>
/// <param name="ExecutedOn">执行 day, or null.</param>
/// <param name="Status">Status, or null: <see cref="StoredEnforcementStatus.Filed"/> on create, the stored status on update.
/// Each reached step needs its day (notified+ <paramref name="NotifiedOn"/>, decided+ <paramref name="DecidedOn"/>, executed
/// and closed <paramref name="ExecutedOn"/>).</param>
/// <param name="Facts">Facts, or null.</param>
/// <param name="CreditItemCode">Credit item the decided case proves (evidence kind penalty); null = <c>management.penalty</c>.</param>
/// <param name="Version">For an update: the version read (optimistic concurrency); ignored on create.</param>
public sealed record EnforcementCaseInput(string CaseNumber, string Uscc, string LegalBasis, StoredPenaltyType PenaltyType, decimal? Amount,
    DateOnly FiledOn, DateOnly? NotifiedOn, DateOnly? DecidedOn, DateOnly? ExecutedOn, StoredEnforcementStatus? Status,
    string? Facts = null, string? CreditItemCode = null, int? Version = null);

/// <summary>
/// Enforcement cases (行政处罚, issue 19 P4): create, update, read and list. The case number is unique (a second case with
/// the same number is refused with 409, also when a concurrent insert wins: the unique index decides). Dates must run
/// 立案 ≤ 告知 ≤ 决定 ≤ 执行, none after today (Beijing); each reached step needs its day (notified+ 告知, decided+ 决定,
/// executed/closed 执行). The party must be in the enterprise registry and never changes; the status only moves forward
/// (revoked from any open state); a missing status is filed on create, kept on update (issue 19). The penalty bands of
/// supervision.md §2.2 (e.g. 排污许可管理条例 Art. 33/34 ¥200k–1M) are guidance for the pages only, never enforced here.
/// The credit item must be a credit-rules.tsv item proved by a penalty (default <see cref="DefaultCreditItem"/>). Every
/// change writes one audit entry (<c>enforcement.create</c>, <c>enforcement.update</c>; target
/// <see cref="InspectionAudit.TargetCase"/>, id = the case number). Staff scope. Not thread-safe (one per unit of work).
/// </summary>
/// <param name="db">The context.</param>
/// <param name="time">Clock.</param>
/// <param name="creditRules">Credit rules; default <see cref="CreditRules.Default"/>.</param>
public sealed class EnforcementCaseService(SmartEnvDbContext db, TimeProvider time, CreditRules? creditRules = null)
{
    /// <summary>The credit item of a decided case unless another is named: <c>management.penalty</c>.</summary>
    public const string DefaultCreditItem = "management.penalty";

    private readonly CreditRules _credit = creditRules ?? CreditRules.Default;

    /// <summary>Creates a case.</summary>
    /// <param name="input">The case.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored row.</returns>
    /// <exception cref="InspectionException">400 invalid (names the field); 409 the case number exists.</exception>
    public async Task<EnforcementCase> CreateAsync(EnforcementCaseInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        input = input with { Status = input.Status ?? StoredEnforcementStatus.Filed };
        var item = Validate(input);
        if (!await db.Enterprises.AsNoTracking().AnyAsync(e => e.Uscc == input.Uscc, ct)) throw new InspectionException(400, $"uscc: {input.Uscc} is not in the enterprise registry");
        if (await db.EnforcementCases.AnyAsync(c => c.CaseNumber == input.CaseNumber, ct)) throw new InspectionException(409, $"case {input.CaseNumber} exists");
        var now = time.GetUtcNow();
        var row = new EnforcementCase
        {
            CaseNumber = input.CaseNumber, Uscc = input.Uscc, LegalBasis = input.LegalBasis, CreditItemCode = item,
            CreatedBy = actor.Name.Length <= EnforcementCase.CodeLength ? actor.Name : actor.Name[..EnforcementCase.CodeLength], CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        Apply(row, input, item);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.EnforcementCases.Add(row);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) { throw new InspectionException(409, $"case {input.CaseNumber} exists", e); }
        await AuditTrail.AppendAsync(db, actor, "enforcement.create", InspectionAudit.TargetCase, row.CaseNumber, null, Snapshot(row), null, now, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Updates a case (every field but the number), checking <see cref="EnforcementCaseInput.Version"/>.</summary>
    /// <param name="input">The case as it should be.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The updated row.</returns>
    /// <exception cref="InspectionException">400 invalid; 404 no such case; 409 stale version.</exception>
    public Task<EnforcementCase> UpdateAsync(EnforcementCaseInput input, AuditActor actor, CancellationToken ct = default) =>
        UpdateAsync(input?.CaseNumber!, input!, actor, ct);

    /// <summary>Updates case <paramref name="caseNumber"/> (every field but the number and the party), checking
    /// <see cref="EnforcementCaseInput.Version"/>. The status only moves forward (filed → notified → decided → executed →
    /// closed; revoked from any state but closed and revoked); a null status keeps the stored one.</summary>
    /// <param name="caseNumber">The case to update (e.g. from the URL).</param>
    /// <param name="input">The case as it should be; its case number, when not empty, must be <paramref name="caseNumber"/>.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The updated row.</returns>
    /// <exception cref="InspectionException">400 invalid; 404 no such case; 409 stale version, another case number or USCC
    /// than the stored one, or a status moving back.</exception>
    public async Task<EnforcementCase> UpdateAsync(string caseNumber, EnforcementCaseInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!string.IsNullOrEmpty(input.CaseNumber) && input.CaseNumber != caseNumber)
            throw new InspectionException(409, $"case_number: {input.CaseNumber} is not the case being updated ({caseNumber}); a case number cannot change");
        var row = await db.EnforcementCases.SingleOrDefaultAsync(c => c.CaseNumber == caseNumber, ct) ?? throw new InspectionException(404, $"no case {caseNumber}");
        input = input with { CaseNumber = caseNumber, Status = input.Status ?? row.Status };
        var item = Validate(input);
        if (input.Version is { } v && v != row.Version) throw new InspectionException(409, $"case {input.CaseNumber} changed (version {row.Version}, not {v})");
        if (input.Uscc != row.Uscc) throw new InspectionException(409, $"uscc: the case is against {row.Uscc}, not {input.Uscc}; the party cannot change");
        var to = input.Status!.Value;
        if (to != row.Status && (row.Status is StoredEnforcementStatus.Closed or StoredEnforcementStatus.Revoked
            || (to != StoredEnforcementStatus.Revoked && Step(to) < Step(row.Status))))
            throw new InspectionException(409, $"status: cannot move from {Name(row.Status)} to {Name(to)} (only forward: filed → notified → decided → executed → closed; revoked while open)");
        var before = Snapshot(row);
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        Apply(row, input, item);
        row.UpdatedAt = now;
        row.Version++;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException e) { throw new InspectionException(409, $"case {input.CaseNumber} changed meanwhile", e); }
        await AuditTrail.AppendAsync(db, actor, "enforcement.update", InspectionAudit.TargetCase, row.CaseNumber, before, Snapshot(row), null, now, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>The case, or null.</summary>
    /// <param name="caseNumber">案号.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<EnforcementCase?> GetAsync(string caseNumber, CancellationToken ct = default) =>
        db.EnforcementCases.AsNoTracking().SingleOrDefaultAsync(c => c.CaseNumber == caseNumber, ct);

    /// <summary>The cases of an enterprise, newest 立案 first.</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<EnforcementCase>> ListAsync(string uscc, CancellationToken ct = default) =>
        await db.EnforcementCases.AsNoTracking().Where(c => c.Uscc == uscc).OrderByDescending(c => c.FiledOn).ThenByDescending(c => c.Id).ToListAsync(ct);

    private string Validate(EnforcementCaseInput i)
    {
        ArgumentNullException.ThrowIfNull(i);
        if (string.IsNullOrWhiteSpace(i.CaseNumber) || i.CaseNumber.Length > EnforcementCase.CaseNumberLength) throw new InspectionException(400, "case_number: required");
        if (string.IsNullOrWhiteSpace(i.Uscc) || i.Uscc.Length != 18) throw new InspectionException(400, "uscc: 18 characters");
        if (string.IsNullOrWhiteSpace(i.LegalBasis) || i.LegalBasis.Length > EnforcementCase.LegalBasisLength) throw new InspectionException(400, "legal_basis: required");
        if (i.Facts is { Length: > EnforcementCase.TextLength }) throw new InspectionException(400, "facts too long");
        if (i.Amount is { } a && (a < 0 || decimal.Round(a, 2) != a || a >= 1_000_000_000_000m)) throw new InspectionException(400, "amount: ≥ 0 元 with at most 2 decimals");
        var status = i.Status ?? StoredEnforcementStatus.Filed;
        if (status != StoredEnforcementStatus.Revoked)
        {
            if (Step(status) >= Step(StoredEnforcementStatus.Notified) && i.NotifiedOn is null) throw new InspectionException(400, $"notified_on: required once {Name(status)}");
            if (Step(status) >= Step(StoredEnforcementStatus.Decided) && i.DecidedOn is null) throw new InspectionException(400, $"decided_on: required once {Name(status)}");
            if (Step(status) >= Step(StoredEnforcementStatus.Executed) && i.ExecutedOn is null) throw new InspectionException(400, $"executed_on: required once {Name(status)}");
        }
        var today = BeijingTime.Today(time);
        foreach (var (field, day) in new[] { ("filed_on", (DateOnly?)i.FiledOn), ("notified_on", i.NotifiedOn), ("decided_on", i.DecidedOn), ("executed_on", i.ExecutedOn) })
            if (day > today) throw new InspectionException(400, $"{field}: {day:yyyy-MM-dd} is after today {today:yyyy-MM-dd}");
        if (i.NotifiedOn < i.FiledOn || i.DecidedOn < (i.NotifiedOn ?? i.FiledOn) || i.ExecutedOn < (i.DecidedOn ?? i.NotifiedOn ?? i.FiledOn))
            throw new InspectionException(400, "dates: 立案 ≤ 告知 ≤ 决定 ≤ 执行");
        var item = i.CreditItemCode ?? DefaultCreditItem;
        if (!_credit.TryGetItem(item, out var it) || it!.Evidence != CreditEvidenceKind.Penalty)
            throw new InspectionException(400, $"credit_item_code: '{item}' is not a credit item proved by a penalty ({_credit.Version})");
        return item;
    }

    /// <summary>The position of a status on the forward path (filed 0 … closed 4); revoked is off the path (-1).</summary>
    private static int Step(StoredEnforcementStatus s) => s switch
    {
        StoredEnforcementStatus.Filed => 0,
        StoredEnforcementStatus.Notified => 1,
        StoredEnforcementStatus.Decided => 2,
        StoredEnforcementStatus.Executed => 3,
        StoredEnforcementStatus.Closed => 4,
        _ => -1,
    };

    private static string Name(StoredEnforcementStatus s) => s.ToString().ToLowerInvariant();

    private static void Apply(EnforcementCase row, EnforcementCaseInput i, string item)
    {
        row.Uscc = i.Uscc;
        row.LegalBasis = i.LegalBasis;
        row.PenaltyType = i.PenaltyType;
        row.Amount = i.Amount;
        row.FiledOn = i.FiledOn;
        row.NotifiedOn = i.NotifiedOn;
        row.DecidedOn = i.DecidedOn;
        row.ExecutedOn = i.ExecutedOn;
        row.Status = i.Status ?? StoredEnforcementStatus.Filed;
        row.Facts = i.Facts;
        row.CreditItemCode = item;
    }

    private static object Snapshot(EnforcementCase c) => new
    {
        case_number = c.CaseNumber, uscc = c.Uscc, legal_basis = c.LegalBasis, penalty_type = c.PenaltyType, amount = c.Amount,
        filed_on = c.FiledOn, notified_on = c.NotifiedOn, decided_on = c.DecidedOn, executed_on = c.ExecutedOn, status = c.Status,
        credit_item = c.CreditItemCode, version = c.Version,
    };
}
