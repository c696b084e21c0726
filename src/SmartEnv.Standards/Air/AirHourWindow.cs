using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Air;

/// <summary>
/// Builds the real-time windows of <see cref="AirAveraging.RealTimeInputs"/> from one station's hours given in label order:
/// each <see cref="Push"/> returns the 24 slots ending at the pushed hour (hour-ending labels, <see cref="HourEnding"/>),
/// with null for hours that were never pushed (gaps). Memory is 24 hours, so it streams over files of any length. One
/// instance per station; not thread-safe.
/// </summary>
public sealed class AirHourWindow
{
    private readonly AirHour?[] _ring = new AirHour?[AirAveraging.RealTimeWindowHours];
    private readonly long[] _ordinal = new long[AirAveraging.RealTimeWindowHours];
    private long? _last;

    /// <summary>Adds the next hour of the station and returns its real-time window.</summary>
    /// <param name="hour">An hour labelled later than every hour pushed before.</param>
    /// <returns>A new array of 24 slots, oldest first; the last slot is <paramref name="hour"/>.</returns>
    /// <exception cref="ArgumentException">The hour is not later than the previous one (out of order or repeated).</exception>
    public AirHour?[] Push(AirHour hour)
    {
        ArgumentNullException.ThrowIfNull(hour);
        var n = _ring.Length;
        var ord = HourEnding.End(hour.LabelDate, hour.LabelHour).Ticks / TimeSpan.TicksPerHour;
        if (_last is { } last)
        {
            if (ord <= last)
                throw new ArgumentException($"hour {hour.LabelDate:yyyy-MM-dd} {hour.LabelHour} is not after the previous hour pushed", nameof(hour));
        }
        _ring[ord % n] = hour;
        _ordinal[ord % n] = ord;
        _last = ord;
        var window = new AirHour?[n];
        for (var i = 0; i < n; i++)
        {
            var o = ord - (n - 1) + i;
            // A slot holding an hour of an earlier cycle (a gap: that hour was never pushed) is empty.
            window[i] = o >= 0 && _ordinal[o % n] == o ? _ring[o % n] : null;
        }
        return window;
    }
}
