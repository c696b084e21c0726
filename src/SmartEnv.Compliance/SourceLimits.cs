using SmartEnv.Storage;

namespace SmartEnv.Compliance;

/// <summary>A permit limit in force for an outlet on a day (issue 16 plan §3.2 <c>LimitInForce</c>, plus the validity start
/// of its permit version for the run-rate window). Immutable; thread-safe.</summary>
/// <param name="PermitVersionId">Permit version the limit belongs to.</param>
/// <param name="ParameterCode">HJ 212 parameter code (e.g. <c>a21026</c>).</param>
/// <param name="Limit">Permitted concentration.</param>
/// <param name="Unit"><c>mg/m³</c> (flue gas) or <c>mg/L</c> (waste water).</param>
/// <param name="ReferenceO2">Reference O₂ (%) of a flue-gas limit, or null.</param>
/// <param name="AnnualQuantityT">Annual permitted quantity (t/a), or null.</param>
/// <param name="ExpectedIntervalMinutes">The outlet's expected upload interval (60 = one hour value per hour).</param>
/// <param name="ValidFrom">Validity start of the permit version, or null when not known.</param>
public sealed record SourceLimit(long PermitVersionId, string ParameterCode, decimal Limit, string Unit, decimal? ReferenceO2,
    decimal? AnnualQuantityT, int ExpectedIntervalMinutes, DateOnly? ValidFrom = null);

/// <summary>The limits in force for an outlet site on a Beijing day, read through <paramref name="db"/> (issue 16 plan §3.2:
/// the registry's <c>LimitsInForceAsync</c>; the host adapts it). Empty when no permit version covers the day.</summary>
/// <param name="db">Unscoped context of the evaluation.</param>
/// <param name="siteId">Outlet site.</param>
/// <param name="day">Beijing date.</param>
/// <param name="ct">Cancellation.</param>
public delegate Task<IReadOnlyList<SourceLimit>> SourceLimitsInForce(SmartEnvDbContext db, long siteId, DateOnly day, CancellationToken ct);

/// <summary>An accepted 异常说明 covering outlet hours (issue 16 plan §3.2 <c>AcceptedCoveringAsync</c>).</summary>
/// <param name="Id">Explanation id.</param>
/// <param name="Reason"><c>shutdown</c> | <c>maintenance</c> | <c>fault</c> | <c>other</c>.</param>
/// <param name="From">First covered hour start (UTC).</param>
/// <param name="To">Last covered hour start (inclusive).</param>
public sealed record AcceptedExplanation(long Id, string Reason, DateTimeOffset From, DateTimeOffset To);

/// <summary>Accepted explanations covering any hour of [<paramref name="from"/>, <paramref name="to"/>] at an outlet (P5's
/// <c>ExplanationService.AcceptedCoveringAsync</c>, adapted by the host); none until that part is wired.</summary>
/// <param name="db">Unscoped context of the evaluation.</param>
/// <param name="siteId">Outlet site.</param>
/// <param name="from">First hour start.</param>
/// <param name="to">Last hour start.</param>
/// <param name="ct">Cancellation.</param>
public delegate Task<IReadOnlyList<AcceptedExplanation>> AcceptedExplanationsCovering(SmartEnvDbContext db, long siteId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
