using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Web.Components;

namespace SmartEnv.Web.Ui;

/// <summary>
/// Wires the Blazor Web App (interactive server rendering, AntDesign, Vizor.ECharts) into the API host of
/// <c>smartenv serve</c>: one process, one port. Static web assets (AntDesign css/js, the ECharts bundle,
/// <c>blazor.web.js</c>) are served in every environment, including Production started by <c>dotnet run</c>.
/// </summary>
public static class SmartEnvUi
{
    /// <summary>Cultures offered: zh-CN (default) and en-US.</summary>
    public static IReadOnlyList<string> Cultures { get; } = ["zh-CN", "en-US"];

    /// <summary>Registers UI services (Razor components, localization, view-model services) and static web assets.</summary>
    /// <param name="builder">The application builder, before <c>Build()</c>.</param>
    public static WebApplicationBuilder AddSmartEnvUi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The static web assets manifest (package assets under _content/, framework _framework/blazor.web.js) is only
        // read automatically in Development; read it always so `smartenv serve` in Production serves the same files.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // An open circuit re-checks its user every minute (disabled, signed out everywhere → back to /signin).
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SmartEnv.Web.Auth.CircuitRevalidation>();
        builder.Services.AddAntDesign();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddSingleton<GeoData>();
        builder.Services.AddScoped<OverviewService>();
        builder.Services.AddScoped<AirService>();
        builder.Services.AddScoped<WaterService>();
        builder.Services.AddScoped<NoiseService>();
        builder.Services.AddScoped<DataService>();
        builder.Services.AddScoped<PlanService>();
        builder.Services.AddScoped<AlertsService>();
        builder.Services.AddScoped<TwoFactorEnrolment>(); // my account (/account) and users (/users), issue 13
        builder.Services.AddScoped<MyAccountService>();
        builder.Services.AddScoped<UserAdmin>();
        builder.Services.AddScoped<AuditService>();
        builder.Services.AddScoped<ReviewService>();
        builder.Services.AddScoped<EnterpriseFileService>(); // 一企一档 (issue 16); slot modules add IEnterpriseFileSlot
        builder.Services.AddScoped<WasteService>(); // 危险废物 pages (issue 17)
        builder.Services.AddScoped<IEnterpriseFileSlot, WasteFileSlot>(); // 一企一档 tab hw (issue 17)
        builder.Services.AddScoped<IEnterpriseFileSlot, ComplaintFileSlot>(); // 一企一档 tab complaints, staff only (issue 18 P7)
        builder.Services.AddScoped<ComplaintsUiService>(); // 信访投诉 pages (issue 18 P6)
        builder.Services.AddScoped<InspectionsUiService>(); // 双随机抽查 and 行政处罚 pages (issue 19 P5)
        builder.Services.AddScoped<CreditUiService>(); // 环境信用 pages (issue 19 P5)
        builder.Services.AddScoped<IEnterpriseFileSlot, InspectionsFileSlot>(); // 一企一档 tab inspections (issue 19 P5)
        builder.Services.AddScoped<IEnterpriseFileSlot, CreditFileSlot>(); // 一企一档 tab credit (issue 19 P5)
        builder.Services.AddScoped<SmartEnv.Web.Ui.Map.IMapLayer, SmartEnv.Web.Ui.Map.ConstructionSitesLayer>(); // 一张图 construction-sites (issue 20)
        builder.Services.AddScoped<ConstructionUiService>(); // 建筑工地 pages (issue 20)
        // 一张图 (issue 20): the map page and API enumerate every registered IMapLayer
        builder.Services.AddScoped<Map.MapService>();
        builder.Services.AddScoped<Map.IMapLayer, Map.AirMapLayer>();
        builder.Services.AddScoped<Map.IMapLayer, Map.WaterMapLayer>();
        builder.Services.AddScoped<Map.IMapLayer, Map.NoiseMapLayer>();
        builder.Services.AddScoped<Map.IMapLayer, Map.EnterprisesMapLayer>();
        builder.Services.AddScoped<Map.IMapLayer, Map.OutletsMapLayer>();
        builder.Services.AddScoped<Map.IMapLayer, Map.DrinkingWaterMapLayer>();
        builder.Services.AddScoped<Map.IMapLayer, Map.ComplaintHotspotsMapLayer>();
        builder.Services.AddScoped<Map.IMapLayer, Map.DrainageMapLayer>(); // 入河排水口 (issue 20 part A)
        builder.Services.AddScoped<DrainageUiService>(); // 入河排水口 pages (issue 20 part A)
        builder.Services.AddScoped<EmergencyUiService>(); // 环境应急 pages (issue 20)
        builder.Services.AddScoped<DataSourcesUiService>(); // 数据来源 page (issue 22)
        builder.Services.AddScoped<VerifyUiService>(); // 核验 tab of the 数据 page (issue 22)
        builder.Services.AddScoped<IEnterpriseFileSlot, EmergencyFileSlot>(); // 一企一档 tab emergency (issue 20)
        builder.Services.AddScoped<Map.IMapLayer, Map.RiskUnitsMapLayer>(); // 一张图 layer risk-units, staff only (issue 20)
        return builder;
    }

    /// <summary>Maps the UI: request localization (query <c>?culture=</c>, cookie), static files, the culture switch
    /// endpoint <c>/ui/culture</c>, table exports under <c>/ui/export/</c> and the Razor component pages.</summary>
    /// <param name="app">The built application.</param>
    public static WebApplication MapSmartEnvUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var loc = new RequestLocalizationOptions { ApplyCurrentCultureToResponseHeaders = true }
            .SetDefaultCulture(Cultures[0]).AddSupportedCultures([.. Cultures]).AddSupportedUICultures([.. Cultures]);
        loc.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        app.UseRequestLocalization(loc);
        app.UseStaticFiles();
        // After the static files (public), before antiforgery (ASP.NET Core's order): cookie or bearer principal, then
        // the endpoint's policy (docs/security.md).
        app.UseAuthentication();
        app.UseEnterpriseScope(); // after authentication, before authorization: 404 for ids outside an enterprise's scope
        app.UseAuthorization();
        app.UseRateLimiter(); // after authorization: refused callers take no permit; anonymous expensive requests per address (ExpensiveRequests)
        app.UseAntiforgery();
        app.MapGet("/ui/culture", (string culture, string? redirect, HttpContext http) =>
        {
            if (!Cultures.Contains(culture)) return Results.BadRequest($"culture must be one of {string.Join(", ", Cultures)}");
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(LocalUrls.OrHome(redirect)); // a path on this site only (issue 14: /\evil was a 500)
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapExports();
        app.MapPlanExports();
        app.MapNoiseExports();
        app.MapAlertExports();
        app.MapAuditExports();
        // Pages carry their own [Authorize(Policy = …)] / [AllowAnonymous]; the framework's endpoints (the circuit hub,
        // blazor.web.js) serve every visitor, the public included.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().Add(e =>
        {
            if (!e.Metadata.OfType<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>().Any())
                e.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
        });
        return app;
    }

    /// <summary>True when the current UI culture is Chinese.</summary>
    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";
}
