using System.Security.Cryptography;
using System.Text;
using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Supervision.Tests.Inspections;

/// <summary>The draw: counts by hand, a hand-run of the whole pipeline, determinism and sensitivity, verify and
/// tampering, refusals.</summary>
public class DrawEngineTests
{
    private static byte[] B(byte[] b) => b;

    private static string Json(DrawResult r) => DrawFixtures.ResultJson(r);

    [Fact]
    public void Pipeline_equals_a_hand_run_of_the_documented_steps()
    {
        var plan = DrawFixtures.Small();
        // Seed: "SmartEnv draw v1" ‖ 0x00 ‖ SHA-256(canonical input, hand-written text) ‖ secret bytes ‖ UTF-8(public value).
        var inputHash = SHA256.HashData(Encoding.UTF8.GetBytes(DrawPlanJsonTests.SmallCanonicalInput));
        byte[] seed = [.. "SmartEnv draw v1"u8, 0x00, .. inputHash, .. Convert.FromHexString(DrawFixtures.Secret), .. Encoding.UTF8.GetBytes(DrawFixtures.PublicValue)];
        Assert.Equal(seed, DrawEngine.SeedMaterial(inputHash, Convert.FromHexString(DrawFixtures.Secret), DrawFixtures.PublicValue));
        // HMAC_DRBG §10.1.2.3 instantiate (nonce, personalization empty), then one 32-byte Generate (§10.1.2.5).
        var k = new byte[32];
        var v = Enumerable.Repeat((byte)1, 32).ToArray();
        k = HMACSHA256.HashData(k, B([.. v, 0x00, .. seed]));
        v = HMACSHA256.HashData(k, v);
        k = HMACSHA256.HashData(k, B([.. v, 0x01, .. seed]));
        v = HMACSHA256.HashData(k, v);
        var block = HMACSHA256.HashData(k, v);
        uint Word(int i) => (uint)block[4 * i] << 24 | (uint)block[4 * i + 1] << 16 | (uint)block[4 * i + 2] << 8 | block[4 * i + 3];
        // One stratum (key/good), N = 4, m = ceil(4 × 0.25 × 1) = 1: j = Below(4) = top 2 bits of word 0 (4 = 2², no rejection).
        var j = (int)(Word(0) >> 30);
        // Inspectors: both eligible, both load 0: first = Below(2) = top bit of word 1; second = the other (Below(1) reads nothing).
        var first = (int)(Word(1) >> 31);
        string[] ids = ["J-01", "J-02"];
        var r = DrawEngine.Run(plan);
        var t = Assert.Single(r.Tasks);
        Assert.Equal(plan.Objects[j].Id, t.ObjectId);
        Assert.Equal(j == 1 ? TaskMode.OffSite : TaskMode.OnSite, t.Mode); // object 2 is on the positive list
        Assert.Equal([ids[first], ids[1 - first]], t.InspectorIds);
    }

    [Fact]
    public void Worked_example_counts_by_hand()
    {
        var s = DrawEngine.Explain(DrawFixtures.Worked());
        // key: honest ceil(3 × 0.25 × max(0.5, 1)) = ceil(0.75) = 1; good ceil(2 × 0.25) = 1; warning ceil(3 × 0.25 × 1.5) = ceil(1.125) = 2.
        // special (ratio 1): honest ceil(2 × 1 × 0.5) = 1; bad min(1, ceil(1 × 1 × 2)) = 1.
        // general: G = min(103, ceil(6 × 10 / 4)) = 15; weights honest 30×0.5 = 15, good 40, warning 10×1.5 = 15, bad 3×2 = 6,
        // none 20 → W = 96; quotas 15·w/96: 2.34375, 6.25, 2.34375, 0.9375, 3.125; floors 2+6+2+0+3 = 13; 2 left go to the
        // largest remainders: bad (.9375), then honest (.34375, tie with warning, honest is the earlier stratum).
        (ObjectClass, DrawGrade, int N, int M)[] expected =
        [
            (ObjectClass.Key, DrawGrade.Honest, 3, 1), (ObjectClass.Key, DrawGrade.Good, 2, 1), (ObjectClass.Key, DrawGrade.Warning, 3, 2),
            (ObjectClass.Special, DrawGrade.Honest, 2, 1), (ObjectClass.Special, DrawGrade.Bad, 1, 1),
            (ObjectClass.General, DrawGrade.Honest, 30, 3), (ObjectClass.General, DrawGrade.Good, 40, 6),
            (ObjectClass.General, DrawGrade.Warning, 10, 2), (ObjectClass.General, DrawGrade.Bad, 3, 1), (ObjectClass.General, DrawGrade.None, 20, 3),
        ];
        Assert.Equal(expected, s.Select(x => (x.Class, x.Grade, x.N, x.M)).ToArray());
        Assert.Equal(0.25m, s[0].Ratio);
        Assert.Equal(0.5m, s[0].Multiplier);
        Assert.Null(s[5].Ratio);
        Assert.Contains("ceil(3 × 0.25 × 1)", s[0].Rule);
        Assert.Contains("ceil(1.125)) = 2", s[2].Rule);
        Assert.Contains("= 15", s[5].Rule);
        var r = DrawEngine.Run(DrawFixtures.Worked());
        Assert.Equal(21, r.Tasks.Count);
    }

    [Fact]
    public void General_quota_reaching_a_stratum_size_is_capped_and_the_rest_redistributed()
    {
        // G = min(5, ceil(2 × 10 / 4)) = 5 over good N = 4 (w 4) and bad N = 1 (w 1 × 2 = 2): bad's quota 5 × 2 / 6 = 1.67 ≥ 1
        // → bad gets 1; the rest 4 over good: quota 4 × 4 / 4 = 4 ≥ 4 → good gets 4.
        var objs = Enumerable.Range(1, 5).Select(i => new DrawObject($"G{i}", $"g{i}", ObjectClass.General, null,
            i == 5 ? DrawGrade.Bad : DrawGrade.Good, false, [])).ToList();
        var plan = DrawFixtures.Small() with { Objects = objs };
        Assert.Equal([4, 1], DrawEngine.Explain(plan).Select(x => x.M));
        // G = ceil(2 × 6 / 4) = 3: quotas good 3 × 4 / 6 = 2, bad 3 × 2 / 6 = 1 (exact, no remainder).
        Assert.Equal([2, 1], DrawEngine.Explain(plan with { Rules = plan.Rules with { GeneralUnitsPerInspectorYear = 6 } }).Select(x => x.M));
    }

    [Fact]
    public void Same_inputs_twice_give_the_identical_result()
    {
        var a = DrawEngine.Run(DrawFixtures.Worked());
        var b = DrawEngine.Run(DrawPlanJson.Read(DrawPlanJson.Write(DrawFixtures.Worked())));
        Assert.Equal(Json(a), Json(b));
    }

    public static TheoryData<string> Changes => ["secret", "publicValue", "objectName", "objectOrder", "inspectorDepartment", "conflict"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void One_byte_or_one_entry_changed_gives_a_different_result(string change)
    {
        var p = DrawFixtures.Worked();
        var baseline = Json(DrawEngine.Run(p));
        DrawPlan q;
        switch (change)
        {
            case "secret":
                var s = DrawFixtures.Secret[..^2] + "1e"; // last byte 0x1f → 0x1e, commitment re-published
                q = p with { Commitment = new(DrawFixtures.HashOf(s), DrawFixtures.PublicValue, s) };
                break;
            case "publicValue":
                q = p with { Commitment = p.Commitment with { PublicValue = DrawFixtures.PublicValue.Replace("3206.92", "3206.93") } };
                break;
            case "objectName":
                q = p with { Objects = [.. p.Objects.Select((o, i) => i == 50 ? o with { Name = o.Name + "x" } : o)] };
                break;
            case "objectOrder":
                q = p with { Objects = [.. p.Objects.Take(50), p.Objects[51], p.Objects[50], .. p.Objects.Skip(52)] };
                break;
            case "inspectorDepartment":
                q = p with { Inspectors = [.. p.Inspectors.Select((x, i) => i == 5 ? x with { Department = "执法三队" } : x)] };
                break;
            default:
                q = p with { Inspectors = [.. p.Inspectors.Select((x, i) => i == 2 ? x with { Conflicts = ["915001050000000099"] } : x)] };
                break;
        }
        Assert.NotEqual(Convert.ToHexStringLower(DrawEngine.InputHash(p)) + baseline,
            Convert.ToHexStringLower(DrawEngine.InputHash(q)) + Json(DrawEngine.Run(q)));
        Assert.NotEqual(baseline, Json(DrawEngine.Run(q)));
    }

    [Fact]
    public void Changed_secret_without_a_new_commitment_is_refused()
    {
        var p = DrawFixtures.Worked();
        var s = DrawFixtures.Secret[..^2] + "1e";
        var e = Assert.Throws<DrawException>(() => DrawEngine.Run(p with { Commitment = p.Commitment with { Secret = s } }));
        Assert.Equal(DrawFailure.CommitmentMismatch, e.Reason);
        Assert.Equal(DrawFailure.SeedMissing, Assert.Throws<DrawException>(() => DrawEngine.Run(p with { Commitment = p.Commitment with { Secret = null } })).Reason);
        Assert.Equal(DrawFailure.SeedMissing, Assert.Throws<DrawException>(() => DrawEngine.Run(p with { Commitment = p.Commitment with { PublicValue = "" } })).Reason);
        Assert.Equal(DrawFailure.InvalidPlan, Assert.Throws<DrawException>(() => DrawEngine.Run(p with { Commitment = p.Commitment with { Secret = DrawFixtures.Secret.ToUpperInvariant() } })).Reason);
        var shortSecret = "00112233";
        Assert.Equal(DrawFailure.InvalidPlan, Assert.Throws<DrawException>(() => DrawEngine.Run(p with { Commitment = new(DrawFixtures.HashOf(shortSecret), DrawFixtures.PublicValue, shortSecret) })).Reason);
    }

    [Fact]
    public void Verify_is_ok_on_an_untouched_plan_and_names_the_first_difference_of_a_tampered_one()
    {
        var published = DrawPlanJson.Write(DrawFixtures.WithResult(DrawFixtures.Worked()));
        var plan = DrawPlanJson.Read(published);
        Assert.Equal(new DrawVerification(true, null, null), DrawEngine.Verify(plan));

        var tasks = plan.Result!.Tasks;
        // Swap the inspectors of task 4.
        var t3 = tasks[3] with { InspectorIds = [.. tasks[3].InspectorIds.Reverse()] };
        var v = DrawEngine.Verify(plan with { Result = new([.. tasks.Take(3), t3, .. tasks.Skip(4)]) });
        Assert.False(v.Ok);
        Assert.Equal(3, v.TaskIndex);
        Assert.StartsWith("task 4 (", v.FirstDifference);
        Assert.Contains("inspectors published", v.FirstDifference);
        Assert.Equal("inspectors", v.Field);
        Assert.Null(v.Refusal);

        // Replace the object of task 7 and, later, the mode of task 9: the first one is named.
        var other = plan.Objects.First(o => tasks.All(t => t.ObjectId != o.Id)).Id;
        var changed = tasks.Select((t, i) => i == 6 ? t with { ObjectId = other } : i == 8 ? t with { Mode = TaskMode.OffSite } : t).ToList();
        v = DrawEngine.Verify(plan with { Result = new(changed) });
        Assert.Equal(6, v.TaskIndex);
        Assert.Equal($"task 7: object published {other}, recomputed {tasks[6].ObjectId}", v.FirstDifference);
        Assert.Equal("object", v.Field);
        v = DrawEngine.Verify(plan with { Result = new([.. tasks.Select((t, i) => i == 8 ? t with { Mode = t.Mode == TaskMode.OnSite ? TaskMode.OffSite : TaskMode.OnSite } : t)]) });
        Assert.Equal(("mode", 8), (v.Field, v.TaskIndex));

        v = DrawEngine.Verify(plan with { Result = new([.. tasks.Take(tasks.Count - 1)]) });
        Assert.Equal($"published {tasks.Count - 1} tasks, recomputed {tasks.Count}", v.FirstDifference);
        Assert.Equal("tasks", v.Field);

        // Tampering with the published JSON text: one inspector id in the result.
        var i = published.LastIndexOf("\"J-0", StringComparison.Ordinal);
        var digit = published[i + 4];
        var tampered = published[..(i + 4)] + (digit == '1' ? '2' : '1') + published[(i + 5)..];
        Assert.False(DrawEngine.Verify(DrawPlanJson.Read(tampered)).Ok);

        // An input changed after the draw (one object name) is caught too.
        v = DrawEngine.Verify(plan with { Objects = [.. plan.Objects.Select((o, k) => k == 0 ? o with { Name = "改名" } : o)] });
        Assert.False(v.Ok);
        Assert.False(DrawEngine.Verify(plan with { Result = null }).Ok);
        Assert.Equal("result", DrawEngine.Verify(plan with { Result = null }).Field);
        Assert.Equal(DrawFailure.SeedMissing, DrawEngine.Verify(plan with { Commitment = plan.Commitment with { PublicValue = null } }).Refusal);
        v = DrawEngine.Verify(plan with { Commitment = plan.Commitment with { Secret = DrawFixtures.Secret[..^2] + "00" } });
        Assert.Contains("differs from the published commitment hash", v.FirstDifference);
        Assert.Equal(DrawFailure.CommitmentMismatch, v.Refusal);
        Assert.Null(v.Field);
    }

    [Fact]
    public void Too_few_eligible_inspectors_names_the_object_and_gives_no_result()
    {
        var p = DrawFixtures.Small();
        // Every object: J-01 inspected it last time (recused), so only J-02 is eligible: 1 < 2.
        var q = p with { Objects = [.. p.Objects.Select(o => o with { LastInspectors = ["J-01"] })] };
        var e = Assert.Throws<DrawException>(() => DrawEngine.Run(q));
        Assert.Equal(DrawFailure.TooFewInspectors, e.Reason);
        Assert.NotNull(e.ObjectId);
        Assert.Contains(e.ObjectId!, e.Message);
        Assert.Contains("1 eligible inspectors", e.Message);
        // Without recusal the same plan draws.
        Assert.Single(DrawEngine.Run(q with { Rules = q.Rules with { RecuseLastTime = false } }).Tasks);
        // A declared conflict excludes the same way.
        var c = p with { Inspectors = [p.Inspectors[0] with { Conflicts = [.. p.Objects.Select(o => o.Id)] }, p.Inspectors[1]] };
        Assert.Equal(DrawFailure.TooFewInspectors, Assert.Throws<DrawException>(() => DrawEngine.Run(c)).Reason);
    }

    [Fact]
    public void Invalid_plans_are_refused()
    {
        var p = DrawFixtures.Small();
        DrawPlan[] bad =
        [
            p with { Objects = [p.Objects[0], p.Objects[0]] },
            p with { Inspectors = [p.Inspectors[0], p.Inspectors[0]] },
            p with { Rules = p.Rules with { KeyRatio = 0 } },
            p with { Rules = p.Rules with { InspectorsPerTask = 1 } },
            p with { Rules = p.Rules with { MultiplierBad = 1.00005m } },
            p with { Plan = p.Plan with { Quarter = "2025Q5" } },
            p with { Commitment = p.Commitment with { Hash = p.Commitment.Hash.ToUpperInvariant() } },
        ];
        foreach (var b in bad)
            Assert.Equal(DrawFailure.InvalidPlan, Assert.Throws<DrawException>(() => DrawEngine.Run(b)).Reason);
    }

    [Fact]
    public void Positive_list_objects_are_offsite_and_load_is_balanced()
    {
        var plan = DrawFixtures.Worked();
        var r = DrawEngine.Run(plan);
        var byId = plan.Objects.ToDictionary(o => o.Id);
        foreach (var t in r.Tasks)
            Assert.Equal(byId[t.ObjectId].PositiveList ? TaskMode.OffSite : TaskMode.OnSite, t.Mode);
        // 21 tasks × 2 = 42 picks over 6 inspectors: the least-loaded rule keeps every count within 1 of 7 unless
        // exclusions force otherwise; here at most 2 apart.
        var load = plan.Inspectors.Select(i => r.Tasks.Count(t => t.InspectorIds.Contains(i.Id))).ToList();
        Assert.Equal(42, load.Sum());
        Assert.True(load.Max() - load.Min() <= 2, string.Join(",", load));
    }
}
