namespace SmartEnv.Storage.Entities;

/// <summary>What a <see cref="ReviewMark"/> record does (数据审核).</summary>
public enum ReviewAction
{
    /// <summary>The covered values are invalid (left out of every derived figure of the reviewed series).</summary>
    Mark,
    /// <summary>The covered values are valid again (undoes earlier marks on what it covers).</summary>
    Restore,
}

/// <summary>
/// Reason code of an invalid mark (数据审核 of automatic air / water monitoring data). The five reasons are those the issue
/// names after the usual practice of HJ 818-2018 / HJ 915-2017 data review (仪器故障, 校准/维护, 停运, 外部干扰, 其他);
/// <see cref="Other"/> requires a text.
/// </summary>
public enum ReviewReason
{
    /// <summary>仪器故障 — instrument fault.</summary>
    InstrumentFault,
    /// <summary>校准/维护 — calibration or maintenance.</summary>
    CalibrationMaintenance,
    /// <summary>停运 — station shut down.</summary>
    Shutdown,
    /// <summary>外部干扰 — external interference (e.g. construction, fire next to the inlet).</summary>
    ExternalInterference,
    /// <summary>其他 — other; <see cref="ReviewMark.Text"/> is required.</summary>
    Other,
}

/// <summary>
/// One record of monitoring-data review (<c>review_marks</c>): an invalid mark or a restore, appended and never changed or
/// deleted; the observations it covers are never changed either. A record covers either <b>one observation</b>
/// (<see cref="ObservationId"/> set; <see cref="ParameterCode"/>, <see cref="Period"/> and <see cref="FromHour"/> =
/// <see cref="ToHour"/> = its data time are copied from it) or a <b>station-hour range</b> (<see cref="ObservationId"/>
/// null): every observation of the site with data time in [<see cref="FromHour"/>, <see cref="ToHour"/> + 1 h), of
/// <see cref="ParameterCode"/> or, when it is null, of every parameter.
/// <para>Effective state (the rule, docs/storage.md "Data review"): an observation is excluded when the <b>latest</b>
/// record (highest <see cref="Id"/>) covering it is a <see cref="ReviewAction.Mark"/>; it is valid when that record is a
/// <see cref="ReviewAction.Restore"/> or when no record covers it.</para>
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class ReviewMark
{
    /// <summary>Longest reason text (characters).</summary>
    public const int TextLength = 512;

    /// <summary>Longest actor name (characters).</summary>
    public const int ActorLength = 128;

    /// <summary>Surrogate key; also the order of the records (a later record has a higher id).</summary>
    public long Id { get; set; }

    /// <summary>Mark or restore.</summary>
    public ReviewAction Action { get; set; }

    /// <summary>Site whose data the record covers.</summary>
    public long SiteId { get; set; }

    /// <summary>The one observation covered, or null for a station-hour range.</summary>
    public long? ObservationId { get; set; }

    /// <summary>Factor code covered (e.g. <c>a34004</c> PM2.5), or null for every parameter of the site.</summary>
    public string? ParameterCode { get; set; }

    /// <summary>Averaging period of the covered observation (observation records only), else null.</summary>
    public PeriodType? Period { get; set; }

    /// <summary>First covered hour start (UTC instant); for an observation record its data time.</summary>
    public DateTimeOffset FromHour { get; set; }

    /// <summary>Last covered hour start (UTC instant, inclusive: the range ends at <c>ToHour</c> + 1 h); for an observation
    /// record its data time.</summary>
    public DateTimeOffset ToHour { get; set; }

    /// <summary>Reason code of a mark; null for a restore.</summary>
    public ReviewReason? Reason { get; set; }

    /// <summary>Free text: required for <see cref="ReviewReason.Other"/>, optional otherwise (also the note of a restore).</summary>
    public string? Text { get; set; }

    /// <summary>For a restore: the mark it restores (it covers what that mark covers), else null.</summary>
    public long? RestoresId { get; set; }

    /// <summary>Who wrote the record (user name; <c>admin</c> for the legacy admin token).</summary>
    public required string Actor { get; set; }

    /// <summary>When it was written (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>True when the record covers <paramref name="siteId"/>'s observation of <paramref name="parameterCode"/>
    /// at <paramref name="dataTime"/> (id <paramref name="observationId"/>), by the rule of the class summary.</summary>
    /// <param name="siteId">Site of the observation.</param>
    /// <param name="observationId">Its id, or null when unknown (then only range records can cover it).</param>
    /// <param name="parameterCode">Its factor code.</param>
    /// <param name="dataTime">Its data time.</param>
    public bool Covers(long siteId, long? observationId, string parameterCode, DateTimeOffset dataTime)
    {
        if (siteId != SiteId) return false;
        if (ObservationId is { } id) return observationId == id;
        return (ParameterCode is null || string.Equals(ParameterCode, parameterCode, StringComparison.Ordinal))
            && dataTime >= FromHour && dataTime < ToHour.AddHours(1);
    }
}
