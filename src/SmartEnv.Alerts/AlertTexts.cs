using System.Globalization;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Water;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Alerts;

/// <summary>The stored zh-CN and en-US message of an alert, built from its rule, site and peak.</summary>
public static class AlertTexts
{
    /// <summary>Readable pollutant names of stored primary-pollutant keys (<c>pm25_1h;o3_8h</c> → <c>PM2.5、O3</c>).</summary>
    /// <param name="keys">Keys separated by <c>;</c>, or null.</param>
    /// <param name="separator">Separator of the result.</param>
    public static string Pollutants(string? keys, string separator)
    {
        if (string.IsNullOrWhiteSpace(keys)) return "—";
        return string.Join(separator, keys.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(k => k.Split('_')[0] switch
        {
            "so2" => "SO2", "no2" => "NO2", "co" => "CO", "o3" => "O3", "pm10" => "PM10", "pm25" => "PM2.5", var x => x,
        }).Distinct());
    }

    /// <summary>(zh, en) message of an episode.</summary>
    /// <param name="rule">Rule.</param>
    /// <param name="siteZh">Site name in Chinese.</param>
    /// <param name="siteEn">Site name in English (falls back to the code).</param>
    /// <param name="e">The episode (peak value and detail).</param>
    /// <param name="offlineAfter">Offline threshold, for the offline text.</param>
    public static (string Zh, string En) For(AlertRule rule, string siteZh, string siteEn, AlertEpisode e, TimeSpan offlineAfter)
    {
        ArgumentNullException.ThrowIfNull(e);
        var inv = CultureInfo.InvariantCulture;
        switch (rule)
        {
            case AlertRule.AirAqiExceeded:
            {
                var aqi = (int)(e.PeakValue ?? 0);
                var cat = AqiCategory.ForAqi(aqi);
                return ($"{siteZh} 小时AQI超过{AlertEpisodes.AqiLimit}：峰值 {aqi}（{cat.Zh}），首要污染物 {Pollutants(e.Detail, "、")}",
                    $"{siteEn}: hourly AQI above {AlertEpisodes.AqiLimit}, peak {aqi} ({cat.En}), primary pollutant {Pollutants(e.Detail, ", ")}");
            }
            case AlertRule.DeviceOffline:
            {
                var h = offlineAfter.TotalHours.ToString("0.##", inv);
                var peak = e.PeakValue?.ToString("0.##", inv) ?? "—";
                return ($"{siteZh} 设备离线：超过 {h} 小时无数据（最长 {peak} 小时），MN {e.Detail}",
                    $"{siteEn}: device offline, no data for more than {h} h (longest {peak} h), MN {e.Detail}");
            }
            case AlertRule.WaterClassExceeded:
            {
                var cls = e.PeakValue is { } v && v is >= 1 and <= 6 ? ((WaterClass)(int)v).ToDisplay() : "—";
                var target = WaterClassText.TryParse(e.Detail, out var t) ? t.Value.ToDisplay() : e.Detail ?? "—";
                return ($"{siteZh} 水质超标：最差 {cls} 类，目标 {target} 类（GB 3838-2002）",
                    $"{siteEn}: water quality worse than target, worst class {cls}, target {target} (GB 3838-2002)");
            }
            case AlertRule.DeviceFlag:
            {
                var n = e.PeakValue?.ToString("0", inv) ?? "—";
                return ($"{siteZh} 数据标记异常（HJ 212 标记非 N）：{e.Detail}，最多 {n} 个值",
                    $"{siteEn}: data flagged other than N (HJ 212): {e.Detail}, up to {n} values");
            }
            case AlertRule.DevicePasswordFailures:
            {
                var n = e.PeakValue?.ToString("0", inv) ?? "—";
                return ($"{siteZh} 设备口令错误：MN {e.Detail} 连续 {n} 次口令错误，已暂停接收（退避锁定）",
                    $"{siteEn}: wrong device PW, MN {e.Detail}: {n} wrong PWs in a row, locked (back-off)");
            }
            case AlertRule.SourceLimitExceeded:
            {
                // 超标倍数 shown to 2 places, GB/T 8170 (issue 16 plan §3.2a).
                var m = e.PeakValue is { } v ? SmartEnv.Standards.Common.Gbt8170.Round(v, 2).ToString("0.00", inv) : "—";
                return ($"{siteZh} 排放超标（许可浓度限值）：{e.Detail}，最大超标倍数 {m}",
                    $"{siteEn}: discharge above the permit limit: {e.Detail}, largest exceedance multiple {m}");
            }
            case AlertRule.EmissionQuantityProjected:
            {
                var kg = e.PeakValue?.ToString("0.##", inv) ?? "—";
                var parts = (e.Detail ?? "").Split(':');
                var (code, date) = parts.Length == 2 ? (parts[0], parts[1]) : (e.Detail ?? "—", "—");
                return ($"{siteZh} 排放量预警：{code} 按近期排放速率预计于 {date} 超过年许可排放量（预计 12 个月 {kg} kg）",
                    $"{siteEn}: emission quantity warning: at the recent run rate {code} exceeds the annual permitted quantity on {date} (projected {kg} kg over 12 months)");
            }
            case AlertRule.ManifestReceiptOverdue:
            {
                var n = e.PeakValue?.ToString("0", inv) ?? "—";
                return ($"{siteZh} 联单超期未确认：{n} 张转移联单运抵后超过5个工作日未确认接收（《危险废物转移管理办法》第十八条）：{e.Detail}",
                    $"{siteEn}: transfer manifests not confirmed within 5 working days of arrival (Art. 18): {n}: {e.Detail}");
            }
            case AlertRule.ManifestDiscrepancy:
            {
                var parts = (e.Detail ?? "").Split(':');
                var (number, kinds) = parts.Length == 2 ? (parts[0], parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries)) : (e.Detail ?? "—", []);
                var zh = string.Join("、", kinds.Select(k => k switch
                {
                    "name" => "名称", "quantity" => "数量", "characteristics" => "危险特性", "form" => "形态", "packaging" => "包装",
                    "partial" => "部分接受", "rejected" => "拒收", var x => x,
                }));
                return ($"{siteZh} 联单差异：联单 {number} 接受人登记差异（{zh}）",
                    $"{siteEn}: manifest discrepancy: manifest {number}, the receiver recorded {string.Join(", ", kinds)}");
            }
            case AlertRule.MedicalStorageOverdue:
            {
                var h = e.PeakValue?.ToString("0.##", inv) ?? "—";
                return ($"{siteZh} 医疗废物暂存超时：{e.Detail ?? "—"} 份交接超过48小时未收运（最久 {h} 小时，《医疗废物管理条例》第十七条）",
                    $"{siteEn}: medical waste stored over 48 h: {e.Detail ?? "—"} handover(s) not collected (oldest {h} h, Medical Waste Regulations Art. 17)");
            }
            case AlertRule.MedicalCollectionOverdue:
            {
                var h = e.PeakValue?.ToString("0.##", inv) ?? "—";
                var last = e.Detail is null or "none" ? "无" : e.Detail;
                return ($"{siteZh} 医疗废物收运超期：暂存有废物且超过48小时未收运（{h} 小时，上次收运 {last}，《医疗废物管理条例》第二十五条）",
                    $"{siteEn}: medical waste held and not collected for over 48 h ({h} h, last collection {e.Detail ?? "none"}, Medical Waste Regulations Art. 25)");
            }
            case AlertRule.WasteStoredOverYear:
            {
                // Detail over_legal_limit|warning:count:identifier (AlertEpisodes.WasteStoredOverYear).
                var parts = (e.Detail ?? "").Split(':', 3);
                var legal = parts[0] == "over_legal_limit";
                var n = parts.Length > 1 ? parts[1] : "—";
                var id = parts.Length > 2 ? parts[2] : "—";
                var days = e.PeakValue?.ToString("0", inv) ?? "—";
                return ($"{siteZh} 危险废物贮存超期（{(legal ? "法定时限" : "预警")}）：{n} 件贮存超过 365 天，最长 {days} 天（{id}）",
                    $"{siteEn}: hazardous waste stored over one year ({(legal ? "legal limit" : "warning")}): {n} container(s) over 365 days, oldest {days} days ({id})");
            }
            case AlertRule.ComplaintAcceptanceOverdue:
            {
                var n = e.PeakValue?.ToString("0", inv) ?? "—";
                return ($"{siteZh} 投诉受理超期：{n} 件投诉登记后超过受理答复期限（15日）仍未决定是否受理：{e.Detail ?? "—"}",
                    $"{siteEn}: complaint acceptance overdue: {n} case(s) without an acceptance decision after the 15-day answer period: {e.Detail ?? "—"}");
            }
            case AlertRule.ComplaintHandlingOverdue:
            {
                var n = e.PeakValue?.ToString("0", inv) ?? "—";
                return ($"{siteZh} 投诉办理超期：{n} 件已受理投诉超过办理期限（60日，经批准可延长不超过30日）仍未办结答复（《信访工作条例》第三十四条）：{e.Detail ?? "—"}",
                    $"{siteEn}: complaint handling overdue: {n} accepted case(s) not replied by the handling due date (60 days, extendable by at most 30; Petition Regulations Art. 34): {e.Detail ?? "—"}");
            }
            case AlertRule.ComplaintUrgent:
            {
                var n = e.PeakValue?.ToString("0", inv) ?? "—";
                return ($"{siteZh} 紧急投诉待处置：{n} 件涉及突发环境事件或群体性事件的投诉尚未交办，请立即处置：{e.Detail ?? "—"}",
                    $"{siteEn}: urgent complaint(s) not yet assigned: {n} case(s) about an environmental emergency or a mass incident need immediate handling: {e.Detail ?? "—"}");
            }
            case AlertRule.DrawPublicationOverdue:
            {
                var n = e.PeakValue?.ToString("0", inv) ?? "—";
                return ($"{siteZh} 抽查结果公开超期：{n} 个已抽取的双随机抽查计划超过公开期限仍未公开：{e.Detail ?? "—"}",
                    $"{siteEn}: random inspection results not published: {n} drawn plan(s) past their publication due date: {e.Detail ?? "—"}");
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown alert rule");
        }
    }
}
