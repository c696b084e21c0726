using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Complaints;

namespace SmartEnv.Tests;

/// <summary>Ids of what <see cref="ComplaintSeed.SeedAsync"/> stored (issue 18 fixtures), in the order of the cases.</summary>
/// <param name="Noise1">Case 1 <see cref="ComplaintSeed.NumberNoise1"/>.</param>
/// <param name="Noise2">Case 2 <see cref="ComplaintSeed.NumberNoise2"/> (150 m, 2 days from case 1).</param>
/// <param name="Noise3">Case 3 <see cref="ComplaintSeed.NumberNoise3"/> (500 m from case 1).</param>
/// <param name="OdourA">Case 4 <see cref="ComplaintSeed.NumberOdourA"/> (reported unit A, accepted).</param>
/// <param name="WaterA">Case 5 <see cref="ComplaintSeed.NumberWaterA"/> (reported unit A again, replied).</param>
public sealed record ComplaintSeedIds(long Noise1, long Noise2, long Noise3, long OdourA, long WaterA);

/// <summary>
/// The shared issue 18 fixture: five hand-made complaint cases written straight through the EF model (no service, so every
/// part can use it before the intake and handling services land), on top of <see cref="SourceSeed"/> (enterprise A
/// <c>91500105MA5U0A1661</c> 重庆江北甲化工有限公司, industry 4411, in 寸滩街道). Instants are Beijing time (stored UTC):
/// <list type="table">
/// <item><term>1 <c>TS202409200001</c></term><description>phone; <c>noise</c> + <c>noise.construction</c>; 观音桥街道
///   500105006000; 29.575000 N 106.532000 E; 2024-09-20 10:00; registered; acceptance due 2024-10-08 (20 Sep + 15 = 5 Oct,
///   National Day holiday → first workday 8 Oct); reporter 王女士 13800000001.</description></item>
/// <item><term>2 <c>TS202409220001</c></term><description>online; <c>noise</c> + <c>noise.construction</c>; 观音桥街道;
///   29.576349 N 106.532000 E (0.001349° of latitude ≈ 150.0 m north of case 1: 0.001349 × 111 195 m); 2024-09-22 09:00
///   (2 days after case 1); registered; due 2024-10-08 (22 Sep + 15 = 7 Oct, holiday → 8 Oct); anonymous.</description></item>
/// <item><term>3 <c>TS202409220002</c></term><description>WeChat; <c>noise</c> + <c>noise.industrial</c>; 观音桥街道;
///   29.579497 N 106.532000 E (0.004497° ≈ 500.0 m north of case 1); 2024-09-22 11:00; registered; due 2024-10-08;
///   reporter 刘先生 13800000003.</description></item>
/// <item><term>4 <c>TS202409230001</c></term><description>letter; <c>air</c> + <c>air.odour</c>; reported A (USCC and name,
///   industry 4411); 寸滩街道 500105005000; 29.600000 N 106.600000 E; 2024-09-23 09:30; accepted 2024-09-23 15:00 by
///   <c>seed</c>; acceptance due 2024-10-08 (23 Sep + 15); handling due 2024-11-22 (23 Sep + 60: 7 to 30 Sep, 31 in
///   October, 22 in November); reporter 陈先生 13800000004.</description></item>
/// <item><term>5 <c>TS202409250001</c></term><description>visit; <c>water</c> + <c>water.industrial</c>; reported A (2 days
///   after case 4: a same-enterprise duplicate candidate); 寸滩街道, no coordinates; 2024-09-25 10:00; accepted 2024-09-25
///   11:00, assigned to street 500105005000 寸滩街道 on 2024-09-26 10:00, checked 2024-10-10 (属实), replied 2024-10-12
///   10:00 with <see cref="ReplyWaterA"/>; state replied; acceptance due 2024-10-10 (25 Sep + 15, a Thursday); handling due
///   2024-11-25 (25 Sep + 60 = Sun 24 Nov → Mon 25 Nov); reporter 赵女士 13800000005 (wants the reply).</description></item>
/// </list>
/// <c>complaint_serials</c> holds the next serial of each of those days (20240920 → 2, 20240922 → 3, 20240923 → 2,
/// 20240925 → 2), so the services number later cases of those days after them. Every case has a <c>register</c> event.
/// Query codes: the seed stores the hash of <see cref="QueryCodeForSeed"/> only when a hasher is passed (the rule
/// <c>QueryCode.Hash</c> of SmartEnv.Supervision); otherwise the placeholder <c>seed</c>/<c>seed</c>, which verifies no code.
/// Idempotent: a second call returns the same ids. Linked into the Storage, Web, Cli, Gateway and Browser test projects.
/// </summary>
public static class ComplaintSeed
{
    /// <summary>Case 1: construction noise, 观音桥.</summary>
    public const string NumberNoise1 = "TS202409200001";
    /// <summary>Case 2: construction noise 150 m / 2 days from case 1 (a duplicate candidate).</summary>
    public const string NumberNoise2 = "TS202409220001";
    /// <summary>Case 3: industrial noise 500 m from case 1 (not a same-place duplicate).</summary>
    public const string NumberNoise3 = "TS202409220002";
    /// <summary>Case 4: odour from enterprise A, accepted.</summary>
    public const string NumberOdourA = "TS202409230001";
    /// <summary>Case 5: industrial waste water from enterprise A, replied.</summary>
    public const string NumberWaterA = "TS202409250001";
    /// <summary>The query code of every seeded case when the seed is given a hasher (10 characters of the QueryCode alphabet).</summary>
    public const string QueryCodeForSeed = "ABCDE23456";
    /// <summary>观音桥街道.</summary>
    public const string StreetGuanyinqiao = "500105006000";
    /// <summary>寸滩街道.</summary>
    public const string StreetCuntan = "500105005000";
    /// <summary>The reply of case 5.</summary>
    public const string ReplyWaterA = "经现场核查，该企业废水总排口超标排放属实，已责令改正并立案调查。";

    private static DateTimeOffset Bj(int mo, int d, int h, int mi = 0) => new DateTimeOffset(2024, mo, d, h, mi, 0, BeijingTime.Offset).ToUniversalTime();

    /// <summary>Stores the fixture (once) and returns its ids.</summary>
    /// <param name="store">A migrated store.</param>
    /// <param name="hash">Optional query-code hasher (<c>QueryCode.Hash</c>): when given, <see cref="QueryCodeForSeed"/> opens
    /// every seeded case.</param>
    public static async Task<ComplaintSeedIds> SeedAsync(SmartEnvStore store, Func<string, (string Hash, string Salt)>? hash = null)
    {
        await SourceSeed.SeedAsync(store);
        await using var db = store.CreateContext();
        if (!await db.Complaints.AnyAsync(c => c.Number == NumberNoise1))
        {
            var (h, s) = hash?.Invoke(QueryCodeForSeed) ?? ("seed", "seed");
            Complaint Case(string number, StoredComplaintChannel channel, DateTimeOffset at, string content, string? street, double? lat, double? lon,
                DateOnly acceptanceDue, params string[] types)
            {
                var c = new Complaint
                {
                    Number = number, Channel = channel, State = StoredComplaintState.Registered, Urgency = StoredComplaintUrgency.None,
                    RegisteredAt = at, RegisteredOn = DateOnly.FromDateTime(at.ToOffset(BeijingTime.Offset).DateTime), Content = content,
                    Address = street is null ? null : "重庆市江北区" + (street == StreetCuntan ? "寸滩街道" : "观音桥街道"), StreetCode = street,
                    Latitude = lat, Longitude = lon, CreatedBy = "seed", QueryCodeHash = h, QueryCodeSalt = s, AcceptanceDue = acceptanceDue,
                    UpdatedAt = at,
                };
                foreach (var t in types) c.Types.Add(new ComplaintType { Code = t });
                return c;
            }
            var c1 = Case(NumberNoise1, StoredComplaintChannel.Phone, Bj(9, 20, 10), "工地夜间施工噪声扰民，晚上十一点后仍在打桩。", StreetGuanyinqiao,
                29.575000, 106.532000, new DateOnly(2024, 10, 8), "noise", "noise.construction");
            var c2 = Case(NumberNoise2, StoredComplaintChannel.Online, Bj(9, 22, 9), "夜间施工噪声，影响休息。", StreetGuanyinqiao,
                29.576349, 106.532000, new DateOnly(2024, 10, 8), "noise", "noise.construction");
            var c3 = Case(NumberNoise3, StoredComplaintChannel.WeChat, Bj(9, 22, 11), "工厂风机噪声很大。", StreetGuanyinqiao,
                29.579497, 106.532000, new DateOnly(2024, 10, 8), "noise", "noise.industrial");
            var c4 = Case(NumberOdourA, StoredComplaintChannel.Letter, Bj(9, 23, 9, 30), "化工厂傍晚有刺鼻异味。", StreetCuntan,
                29.600000, 106.600000, new DateOnly(2024, 10, 8), "air", "air.odour");
            c4.ReportedUscc = SourceSeed.UsccA; c4.ReportedName = "重庆江北甲化工有限公司"; c4.IndustryCode = "4411";
            c4.State = StoredComplaintState.Accepted; c4.AcceptedAt = Bj(9, 23, 15); c4.AcceptedBy = "seed";
            c4.HandlingDue = new DateOnly(2024, 11, 22); c4.UpdatedAt = Bj(9, 23, 15); c4.Version = 2;
            var c5 = Case(NumberWaterA, StoredComplaintChannel.Visit, Bj(9, 25, 10), "企业向河沟排放黑色废水。", StreetCuntan,
                null, null, new DateOnly(2024, 10, 10), "water", "water.industrial");
            c5.ReportedUscc = SourceSeed.UsccA; c5.ReportedName = "重庆江北甲化工有限公司"; c5.IndustryCode = "4411";
            c5.State = StoredComplaintState.Replied; c5.AcceptedAt = Bj(9, 25, 11); c5.AcceptedBy = "seed";
            c5.HandlingDue = new DateOnly(2024, 11, 25);
            c5.AssigneeKind = StoredAssigneeKind.Street; c5.AssigneeCode = StreetCuntan; c5.AssigneeName = "寸滩街道"; c5.AssignedAt = Bj(9, 26, 10);
            c5.Findings = "现场核查废水总排口化学需氧量超标。"; c5.Verification = StoredVerification.True; c5.CheckedAt = Bj(10, 10, 16);
            c5.RepliedAt = Bj(10, 12, 10); c5.Reply = ReplyWaterA; c5.UpdatedAt = Bj(10, 12, 10); c5.Version = 5;
            Complaint[] all = [c1, c2, c3, c4, c5];
            db.Complaints.AddRange(all);
            await db.SaveChangesAsync();
            db.ComplaintReporters.AddRange(
                new ComplaintReporter { ComplaintId = c1.Id, Name = "王女士", Phone = "13800000001", WantsReply = true },
                new ComplaintReporter { ComplaintId = c2.Id, Anonymous = true },
                new ComplaintReporter { ComplaintId = c3.Id, Name = "刘先生", Phone = "13800000003", WantsReply = true },
                new ComplaintReporter { ComplaintId = c4.Id, Name = "陈先生", Phone = "13800000004", WantsReply = true },
                new ComplaintReporter { ComplaintId = c5.Id, Name = "赵女士", Phone = "13800000005", WantsReply = true });
            foreach (var c in all)
                db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, Trigger = "register", ToState = StoredComplaintState.Registered, By = "seed", At = c.RegisteredAt });
            db.ComplaintEvents.AddRange(
                new ComplaintEvent { ComplaintId = c4.Id, Trigger = "accept", FromState = StoredComplaintState.Registered, ToState = StoredComplaintState.Accepted, By = "seed", At = Bj(9, 23, 15) },
                new ComplaintEvent { ComplaintId = c5.Id, Trigger = "accept", FromState = StoredComplaintState.Registered, ToState = StoredComplaintState.Accepted, By = "seed", At = Bj(9, 25, 11) },
                new ComplaintEvent { ComplaintId = c5.Id, Trigger = "assign", FromState = StoredComplaintState.Accepted, ToState = StoredComplaintState.Assigned, By = "seed", At = Bj(9, 26, 10) },
                new ComplaintEvent { ComplaintId = c5.Id, Trigger = "record_findings", FromState = StoredComplaintState.Assigned, ToState = StoredComplaintState.Handling, By = "seed", At = Bj(10, 10, 16) },
                new ComplaintEvent { ComplaintId = c5.Id, Trigger = "reply", FromState = StoredComplaintState.Handling, ToState = StoredComplaintState.Replied, By = "seed", At = Bj(10, 12, 10) });
            foreach (var (day, next) in new[] { ("20240920", 2), ("20240922", 3), ("20240923", 2), ("20240925", 2) })
                if (!await db.ComplaintSerials.AnyAsync(x => x.Day == day)) db.ComplaintSerials.Add(new ComplaintSerial { Day = day, Next = next });
            await db.SaveChangesAsync();
        }
        var ids = await db.Complaints.Where(c => c.Number.StartsWith("TS2024092")).ToDictionaryAsync(c => c.Number, c => c.Id);
        return new ComplaintSeedIds(ids[NumberNoise1], ids[NumberNoise2], ids[NumberNoise3], ids[NumberOdourA], ids[NumberWaterA]);
    }
}
