namespace SmartEnv.Hj212;

/// <summary>Why a frame or packet was refused. Immutable.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="Position">Byte offset from the frame's first byte where the problem was found.</param>
/// <param name="Deviation">For <see cref="Hj212RejectReason.NotTolerated"/>: the deviation the policy refused.</param>
/// <param name="Detail">Short English detail for logs (e.g. <c>declared 0596, segment 496 bytes</c>); never user data beyond 64 chars.</param>
public readonly record struct Hj212Rejection(Hj212RejectReason Reason, int Position, Hj212Deviation? Deviation = null, string? Detail = null)
{
    /// <summary>snake_case code: the deviation's name for <see cref="Hj212RejectReason.NotTolerated"/>, otherwise the
    /// reason's name (e.g. <c>crc_mismatch</c>, <c>lowercase_crc</c>).</summary>
    public string Code => Hj212Names.Snake(Reason == Hj212RejectReason.NotTolerated && Deviation is { } d ? d.ToString() : Reason.ToString());

    /// <summary>The QnRtn answer HJ 212-2017 table 7 gives for this rejection when the packet was a request
    /// (9 CRC error, 4 MN error, 5 ST error, 6 Flag error, 7 QN error, 8 CN error, otherwise 2 rejected).</summary>
    public Hj212QnRtn QnRtn => Reason switch
    {
        Hj212RejectReason.CrcMismatch or Hj212RejectReason.BadCrcField => Hj212QnRtn.CrcError,
        _ => Deviation switch
        {
            Hj212Deviation.MissingQn or Hj212Deviation.NonStandardQn => Hj212QnRtn.QnError,
            Hj212Deviation.NonStandardSt => Hj212QnRtn.StError,
            Hj212Deviation.UnknownCommand => Hj212QnRtn.CnError,
            Hj212Deviation.MissingFlag => Hj212QnRtn.FlagError,
            Hj212Deviation.EmptyPwOrMn => Hj212QnRtn.MnError,
            _ => Hj212QnRtn.Rejected,
        },
    };
}
