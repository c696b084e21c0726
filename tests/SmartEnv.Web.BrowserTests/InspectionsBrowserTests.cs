using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartEnv.Tests;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// Issue 19 P5 pages in Chromium (zh-CN) over <see cref="EnterpriseServerFixture"/> plus <see cref="InspectionSeed"/>: the
/// public 红黑名单 on a phone (390 × 844) lists A on the red list with a green tag and B on the black list with a red tag,
/// and its HTML names no inspector; the staff plan page lists the drawn tasks with their inspectors; staff freeze a plan,
/// a wrong secret is refused, the right one draws, and the result is published.
/// </summary>
public sealed class InspectionsBrowserTests(EnterpriseServerFixture server) : IClassFixture<EnterpriseServerFixture>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private async Task SeedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            await using (var db = server.Store.CreateContext())
                if (await db.DrawPlans.AnyAsync(p => p.PlanId == InspectionSeed.PlanId)) return;
            await InspectionSeed.SeedAsync(server.Store);
        }
        finally { Gate.Release(); }
    }

    private async Task OpenAsync(IPage page, string path, string ready)
    {
        await page.GotoAsync(path);
        try { await page.Locator(ready).First.WaitForAsync(new() { Timeout = 60_000, State = WaitForSelectorState.Attached }); }
        catch (TimeoutException) { throw new TimeoutException($"{ready} not on {path}; log:\n{string.Join("\n", server.BrowserLog)}\nhtml:\n{await page.ContentAsync()}"); }
    }

    [Fact]
    public async Task Public_red_and_black_lists_on_a_phone_show_the_grades_in_their_colours()
    {
        await SeedAsync();
        var page = await server.NewPageAsync();
        try
        {
            await page.SetViewportSizeAsync(390, 844);
            await OpenAsync(page, "/public/credit", "[data-testid=black-list]");
            var a = page.Locator($"[data-testid=red-list] tr[data-uscc='{SourceSeed.UsccA}']");
            await Assertions.Expect(a).ToContainTextAsync("重庆江北甲化工有限公司");
            await Assertions.Expect(a.Locator(".ant-tag")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-tag-green"));
            await Assertions.Expect(a.Locator(".ant-tag")).ToHaveTextAsync("环保诚信");
            var b = page.Locator($"[data-testid=black-list] tr[data-uscc='{SourceSeed.UsccB}']");
            await Assertions.Expect(b.Locator(".ant-tag")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-tag-red"));
            await Assertions.Expect(page.Locator($"[data-testid=black-list] tr[data-uscc='{SourceSeed.UsccA}']")).ToHaveCountAsync(0);
            // The red tag is drawn red and the green one green (AntDesign's palette), not just named so.
            var colours = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.ant-tag')].map(t => getComputedStyle(t).color)");
            Assert.Contains(colours, c => c.StartsWith("rgb(56, 158, 13", StringComparison.Ordinal) || c.StartsWith("rgb(82, 196, 26", StringComparison.Ordinal)); // green-6/7
            Assert.Contains(colours, c => c.StartsWith("rgb(207, 19, 34", StringComparison.Ordinal) || c.StartsWith("rgb(245, 34, 45", StringComparison.Ordinal)); // red-6/7
            var text = (await page.Locator(".se-content").First.InnerTextAsync()).Replace(SourceSeed.UsccA, "", StringComparison.Ordinal).Replace(SourceSeed.UsccB, "", StringComparison.Ordinal);
            var latin = ChineseText.Violations(text).ToList();
            Assert.True(latin.Count == 0, "Latin words: " + string.Join(", ", latin));
            var html = await page.ContentAsync();
            foreach (var p in new[] { InspectionSeed.InspectorNameA, InspectionSeed.InspectorNameB, InspectionSeed.CertA, InspectionSeed.CertB })
                Assert.DoesNotContain(p, html, StringComparison.Ordinal);
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task Staff_plan_page_lists_the_tasks()
    {
        await SeedAsync();
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await OpenAsync(page, "/inspections/plans/" + InspectionSeed.PlanId, "[data-testid=plan-tasks]");
            await Assertions.Expect(page.Locator("[data-testid=plan-tasks] tbody tr")).ToHaveCountAsync(2);
            var a = page.Locator($"[data-testid=plan-tasks] tr[data-uscc='{SourceSeed.UsccA}']");
            await Assertions.Expect(a).ToContainTextAsync("现场检查");
            await Assertions.Expect(a).ToContainTextAsync("已完成");
            await Assertions.Expect(a).ToContainTextAsync(InspectionSeed.CertA + "、" + InspectionSeed.CertB);
            await Assertions.Expect(page.Locator($"[data-testid=plan-tasks] tr[data-uscc='{SourceSeed.UsccB}']")).ToContainTextAsync("非现场检查");
            // No Latin word in the zh page but the codes (plan id, certificates, USCCs, rule version).
            var text = await page.Locator(".se-content").First.InnerTextAsync();
            foreach (var code in new[] { InspectionSeed.PlanId, InspectionSeed.CertA, InspectionSeed.CertB, SourceSeed.UsccA, SourceSeed.UsccB, "draw-rules@seed0001" })
                text = text.Replace(code, "", StringComparison.Ordinal);
            text = System.Text.RegularExpressions.Regex.Replace(text, "\\b[0-9a-f]{64}\\b", ""); // the commitment hash
            var latin = ChineseText.Violations(text).ToList();
            Assert.True(latin.Count == 0, "Latin words: " + string.Join(", ", latin));
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task The_enterprise_applies_for_repair_staff_approve_it_with_history_and_the_black_list_drops_it()
    {
        await SeedAsync();
        // A made 不良 for 2026 by an evaluation stored 2025-01-06 (Beijing): 严重, shortest 12 months → repair open from
        // 2026-01-07, last listed day 2028-01-06; removed again at the end (the public-list test wants A on the red list).
        long evaluationId;
        await using (var db = server.Store.CreateContext())
        {
            var e = new SmartEnv.Storage.Entities.Credit.CreditEvaluationRecord
            {
                Uscc = SourceSeed.UsccA, Year = 2026, BaseScore = 100, DeductionTotal = 50, Score = 50, Grade = SmartEnv.Storage.Entities.Credit.StoredCreditGrade.Poor,
                RulesVersion = "credit-rules@test0001", EvaluatedAt = new DateTimeOffset(2025, 1, 6, 10, 0, 0, SmartEnv.Standards.Common.BeijingTime.Offset), EvaluatedBy = "test",
            };
            db.CreditEvaluations.Add(e);
            await db.SaveChangesAsync();
            evaluationId = e.Id;
        }
        var page = await server.NewPageAsync();
        var staff = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page, EnterpriseServerFixture.EnterpriseUser, EnterpriseServerFixture.EnterprisePassword);
            await OpenAsync(page, "/credit/repair", "[data-testid=my-listing]");
            await Assertions.Expect(page.Locator("[data-testid=my-listing]")).ToHaveAttributeAsync("data-info", "E" + evaluationId);
            await Assertions.Expect(page.Locator("[data-testid=my-listing]")).ToContainTextAsync("严重");
            await page.Locator("[data-testid=my-evidence]").FillAsync("已完成整改并通过现场复核");
            await page.Locator("[data-testid=my-apply]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=my-message]")).ToHaveTextAsync("已提交");
            await Assertions.Expect(page.Locator("[data-testid=my-applications] tbody tr")).ToHaveAttributeAsync("data-state", "Applied");

            await UiServerFixture.SignInAsync(staff);
            await OpenAsync(staff, "/credit/repairs", "[data-testid=repairs-list]");
            var row = staff.Locator($"[data-testid=repairs-list] tr[data-state=Applied]");
            await row.Locator("[data-testid=repair-StartReview]").ClickAsync();
            await staff.Locator("[data-testid=repairs-list] tr[data-state=UnderReview] [data-testid=repair-Approve]").ClickAsync();
            var done = staff.Locator("[data-testid=repairs-list] tr[data-state=Approved]");
            await Assertions.Expect(done.Locator("[data-testid=repair-history] div")).ToHaveCountAsync(3);
            await OpenAsync(staff, "/public/credit", "[data-testid=public-credit]");
            await Assertions.Expect(staff.Locator($"[data-testid=black-list] tr[data-uscc='{SourceSeed.UsccA}']")).ToHaveCountAsync(0);

            // Staff run an evaluation (B, 2024: no evidence that year → 100) and land on it.
            await OpenAsync(staff, "/credit", "[data-testid=credit-run]");
            await staff.Locator("[data-testid=run-uscc]").FillAsync(SourceSeed.UsccB);
            await staff.Locator("[data-testid=run-year]").FillAsync("2024");
            await staff.Locator("[data-testid=run-evaluate]").ClickAsync();
            await Assertions.Expect(staff.Locator("[data-testid=credit-evaluation]")).ToHaveAttributeAsync("data-score", "100.0");
        }
        finally
        {
            await page.Context.CloseAsync();
            await staff.Context.CloseAsync();
            await using var db = server.Store.CreateContext();
            await db.CreditEvaluations.Where(x => x.Id == evaluationId || (x.Uscc == SourceSeed.UsccB && x.Year == 2024)).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task Staff_freeze_a_plan_a_wrong_secret_is_refused_then_the_right_one_draws_and_the_result_is_published()
    {
        await SeedAsync();
        const string planId = "SJ-BROWSER", secret = "0123456789abcdef0123456789abcdef";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(secret)));
        // Two more inspectors (the seeded two inspected A and B last time and are recused from them).
        foreach (var (user, cert, dept) in new[] { ("insp-19c", "JBZF19000073", "执法支队一大队"), ("insp-19d", "JBZF19000074", "执法支队二大队") })
        {
            await using (var check = server.Store.CreateContext())
                if (await check.Users.AnyAsync(u => u.UserName == user)) continue;
            await TestAccounts.UserAsync(server.Store, user, "Insp-19-Passw0rd!", [SmartEnv.Storage.Accounts.SmartEnvRoles.Enforcement]);
            await using var udb = server.Store.CreateContext();
            var u = await udb.Users.SingleAsync(x => x.UserName == user);
            (u.DisplayName, u.EnforcementCertificate, u.Department) = ("执法员" + user[^1..], cert, dept);
            await udb.SaveChangesAsync();
        }
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await OpenAsync(page, "/inspections", "[data-testid=freeze-form]");
            await page.Locator("[data-testid=freeze-plan-id]").FillAsync(planId);
            // The next quarter: a quarter that has ended is refused, and the seed holds the current quarter's plan (one plan
            // per district and quarter).
            var next = SmartEnv.Standards.Common.BeijingTime.Today(TimeProvider.System).AddMonths(3);
            await page.Locator("[data-testid=freeze-quarter]").FillAsync($"{next.Year}Q{(next.Month - 1) / 3 + 1}");
            await page.Locator("[data-testid=freeze-hash]").FillAsync(hash);
            await page.Locator("[data-testid=freeze-save]").ClickAsync();
            await page.Locator("[data-testid=commit-form]").WaitForAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=plan-header]")).ToHaveAttributeAsync("data-status", "Frozen");

            await page.Locator("[data-testid=commit-secret]").FillAsync("f" + secret[1..]);
            await page.Locator("[data-testid=commit-public-value]").FillAsync("上证指数 2026-10-09 收盘 3882.78");
            await page.Locator("[data-testid=commit-save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=commit-message]")).ToHaveTextAsync("秘密与冻结时公布的承诺值不符，未抽取，未保存任何内容");
            await Assertions.Expect(page.Locator("[data-testid=plan-header]")).ToHaveAttributeAsync("data-status", "Frozen");

            await page.Locator("[data-testid=commit-secret]").FillAsync(secret);
            await page.Locator("[data-testid=commit-save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=commit-message]")).ToHaveTextAsync("已抽取");
            await Assertions.Expect(page.Locator("[data-testid=plan-header]")).ToHaveAttributeAsync("data-status", "Committed");
            await page.Locator("[data-testid=publish-plan]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=plan-header]")).ToHaveAttributeAsync("data-status", "Published");
            await using var db = server.Store.CreateContext();
            var row = await db.DrawPlans.AsNoTracking().SingleAsync(p => p.PlanId == planId);
            Assert.Equal((secret, "上证指数 2026-10-09 收盘 3882.78"), (row.Secret, row.PublicValue));
            foreach (var action in new[] { "draw.freeze", "draw.commit", "draw.publish" })
                Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == action && e.TargetId == planId));
        }
        finally
        {
            await page.Context.CloseAsync();
            await using var db = server.Store.CreateContext();
            var id = await db.DrawPlans.Where(p => p.PlanId == planId).Select(p => p.Id).SingleOrDefaultAsync();
            var tasks = db.InspectionTasks.Where(t => t.PlanId == id);
            await db.Set<SmartEnv.Storage.Entities.Inspections.InspectionTaskInspector>().Where(x => tasks.Any(t => t.Id == x.TaskId)).ExecuteDeleteAsync();
            await tasks.ExecuteDeleteAsync();
            await db.DrawPlanInspectors.Where(k => k.PlanId == id).ExecuteDeleteAsync();
            await db.DrawPlans.Where(p => p.Id == id).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task Staff_create_a_case_a_stale_edit_is_refused_and_a_record_with_two_findings_gets_its_follow_up()
    {
        await SeedAsync();
        const string number = "江北环罚2026-BR1号", planId = "SJ-BR-REC";
        long taskId;
        await using (var setup = server.Store.CreateContext())
        {
            await setup.EnforcementCases.Where(c => c.CaseNumber == number).ExecuteDeleteAsync();
            var at = new DateTimeOffset(2026, 10, 9, 2, 0, 0, TimeSpan.Zero);
            var plan = new SmartEnv.Storage.Entities.Inspections.DrawPlanRecord
            {
                PlanId = planId, District = "500105", Quarter = "2000Q1", Status = SmartEnv.Storage.Entities.Inspections.StoredDrawPlanStatus.Committed,
                FrozenAt = new DateOnly(2026, 10, 8), CommitmentHash = new string('d', 64), Organiser = "t", CreatedAt = at, CommittedAt = at, Version = 2,
            };
            setup.DrawPlans.Add(plan);
            await setup.SaveChangesAsync();
            // Drawn: the seeded inspectors (a record must name exactly the drawn, enabled certificate holders).
            var task = new SmartEnv.Storage.Entities.Inspections.InspectionTask
            {
                PlanId = plan.Id, Seq = 1, Uscc = SourceSeed.UsccB, Mode = SmartEnv.Storage.Entities.Inspections.StoredTaskMode.OnSite,
                Inspectors = [new() { Position = 1, InspectorId = InspectionSeed.CertA }, new() { Position = 2, InspectorId = InspectionSeed.CertB }],
            };
            setup.InspectionTasks.Add(task);
            await setup.SaveChangesAsync();
            taskId = task.Id;
        }
        var page = await server.NewPageAsync();
        var other = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await OpenAsync(page, "/inspections/cases", "[data-testid=case-create]");
            await page.Locator("[data-testid=case-create] [data-testid=case-number]").FillAsync(number);
            await page.Locator("[data-testid=case-create] [data-testid=case-uscc]").FillAsync(SourceSeed.UsccB);
            await page.Locator("[data-testid=case-create] [data-testid=case-legal-basis]").FillAsync("《排污许可管理条例》第三十四条");
            await page.Locator("[data-testid=case-create] [data-testid=case-amount]").FillAsync("200000");
            await page.Locator("[data-testid=case-create] [data-testid=case-filed]").FillAsync("2026-03-02");
            await page.Locator("[data-testid=case-create] [data-testid=case-save]").ClickAsync();
            await page.Locator("[data-testid=case-edit]").WaitForAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=case-detail]")).ToHaveAttributeAsync("data-version", "1");

            // A second officer opens the case at version 1; the first saves 已告知; the second's save is refused.
            await UiServerFixture.SignInAsync(other);
            await OpenAsync(other, "/inspections/cases/" + Uri.EscapeDataString(number), "[data-testid=case-edit]");
            await page.Locator("[data-testid=case-edit] [data-testid=case-status]").SelectOptionAsync("Notified");
            await page.Locator("[data-testid=case-edit] [data-testid=case-notified]").FillAsync("2026-03-10");
            await page.Locator("[data-testid=case-edit] [data-testid=case-save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=case-message]")).ToHaveTextAsync("已保存");
            await Assertions.Expect(page.Locator("[data-testid=case-detail]")).ToHaveAttributeAsync("data-status", "Notified");
            await other.Locator("[data-testid=case-edit] [data-testid=case-status]").SelectOptionAsync("Revoked");
            await other.Locator("[data-testid=case-edit] [data-testid=case-save]").ClickAsync();
            await Assertions.Expect(other.Locator("[data-testid=case-message]")).ToHaveTextAsync("该案件已被他人修改，请刷新后重试，本次修改未保存");

            // The record form: two findings (the second a problem with 10 working days), then the order's follow-up.
            await OpenAsync(page, "/inspections/plans/" + planId, "[data-testid=record-task]");
            await page.Locator("[data-testid=record-task]").ClickAsync();
            await page.Locator("[data-testid=rec-at]").FillAsync("2026-11-03T10:00");
            await page.Locator("[data-testid=rec-inspectors]").FillAsync(InspectionSeed.CertA + "," + InspectionSeed.CertB);
            await page.Locator("[data-testid=rec-items]").FillAsync("废水排放，危险废物贮存");
            await page.Locator("[data-testid=rec-finding]").First.FillAsync("废水排放");
            await page.Locator("[data-testid=rec-add-finding]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=rec-finding-row]")).ToHaveCountAsync(2);
            var second = page.Locator("[data-testid=rec-finding-row]").Nth(1);
            await second.Locator("[data-testid=rec-finding]").FillAsync("危险废物贮存");
            await second.Locator("[data-testid=rec-problem]").CheckAsync();
            await second.Locator("[data-testid=rec-category]").FillAsync("贮存不规范");
            await second.Locator("[data-testid=rec-workdays]").FillAsync("10");
            await page.Locator("[data-testid=rec-save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=record-message]")).ToHaveTextAsync("已保存");
            var order = page.Locator("[data-testid=plan-orders] tbody tr");
            await Assertions.Expect(order).ToHaveCountAsync(1);
            await Assertions.Expect(order).ToContainTextAsync("2026-11-17"); // 11-03 (Tue) + 10 working days
            await order.Locator("[data-testid=follow-on]").FillAsync("2026-11-18");
            await order.Locator("[data-testid=follow-not-rectified]").CheckAsync();
            await order.Locator("[data-testid=follow-save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=plan-orders] tbody tr")).ToHaveAttributeAsync("data-result", "NotRectified");
            await using var db = server.Store.CreateContext();
            var record = await db.InspectionRecords.AsNoTracking().SingleAsync(r => r.TaskId == taskId);
            Assert.Equal(2, await db.InspectionFindings.CountAsync(f => f.RecordId == record.Id));
        }
        finally
        {
            await page.Context.CloseAsync();
            await other.Context.CloseAsync();
        }
    }
}
