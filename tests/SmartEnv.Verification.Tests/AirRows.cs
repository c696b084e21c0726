using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Verifications.Air;

namespace SmartEnv.Verifications.Tests;

/// <summary>
/// Hand-built rows for the CNEMC-2014 regime (2019 dates). The "background" concentrations give these IAQIs, worked by
/// hand on HJ 633-2012 Table 1 (1-h columns; PM on the 24-h columns):
/// SO2 5 → 50·5/150 = 1.67 → 2; NO2 10 → 50·10/100 = 5; CO 0.5 → 50·0.5/5 = 5; O3 20 → 50·20/160 = 6.25 → 7;
/// PM10 30 → 50·30/50 = 30. So the AQI of a row is max(30, IAQI of the varied pollutant).
/// PM2.5 between 35 and 75: IAQI = 50 + 50·(C − 35)/40 = 50 + 1.25·(C − 35):
/// 40 → 56.25 (up 57, nearest 56, floor 56); 41 → 57.5 (58, 58, 57); 42 → 58.75 (59, 59, 58); 43 → 60 (60, 60, 60);
/// 44 → 61.25 (62, 61, 61).
/// </summary>
internal static class AirRows
{
    public static AirPublishedRow Row(string station, int month, int day, int hour, decimal pm25, int published,
        decimal so2 = 5m, decimal? so2Daily = null, decimal? o3Eight = null, decimal co = 0.5m)
    {
        var c = new Dictionary<AqiIndicator, decimal>
        {
            [AqiIndicator.So2_1h] = so2, [AqiIndicator.No2_1h] = 10m, [AqiIndicator.Co_1h] = co, [AqiIndicator.O3_1h] = 20m,
            [AqiIndicator.Pm10_1h] = 30m, [AqiIndicator.Pm25_1h] = pm25,
        };
        if (so2Daily is { } s) c[AqiIndicator.So2_24h] = s;
        if (o3Eight is { } o) c[AqiIndicator.O3_8h] = o;
        var date = new DateOnly(2019, month, day);
        return new AirPublishedRow(station, BeijingTime.HourEnd(date, hour), HourEnding.NaturalDay(date, hour), c, published);
    }
}
