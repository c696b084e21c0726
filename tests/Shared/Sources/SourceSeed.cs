using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Tests;

/// <summary>Ids of what <see cref="SourceSeed.SeedAsync"/> stored (issue 16 fixtures).</summary>
/// <param name="PermitA">Permit id of enterprise A (<see cref="SourceSeed.PermitNumberA"/>).</param>
/// <param name="VersionA">Its version 1.</param>
/// <param name="OutletSiteAirA">Site id of A's outlet DA001 (<see cref="SourceSeed.OutletSiteCodeAirA"/>).</param>
/// <param name="OutletSiteWaterA">Site id of A's outlet DW001 (<see cref="SourceSeed.OutletSiteCodeWaterA"/>).</param>
/// <param name="PermitB">Permit id of enterprise B.</param>
/// <param name="OutletSiteAirB">Site id of B's outlet DA001.</param>
public sealed record SourceSeedIds(long PermitA, long VersionA, long OutletSiteAirA, long OutletSiteWaterA, long PermitB, long OutletSiteAirB);

/// <summary>
/// The shared issue 16 fixture, written straight through the EF model (no service, so every part can use it before the
/// registry service lands): enterprise A <c>91500105MA5U0A1661</c> and B <c>91500105MA5U0B169H</c> (both pass GB 32100
/// and the GB 11714 check, plan §4), A's permit <c>91500105MA5U0A1661001P</c> version 1 (key management, valid
/// 2025-06-01…2030-05-31, annual + quarterly reports) with outlet DA001 (main, a21026 SO₂ 35 mg/m³ at reference O₂ 9 %,
/// GB 13271-2014 表2, 10 t/a) and DW001 (general, w01018 COD 100 mg/L, GB 8978-1996 表4 一级), each on its own
/// source site <c>{number}-{outlet}</c> owned by A, not public; B's permit <c>91500105MA5U0B169H001P</c> with DA001
/// (a21026 35 mg/m³, O₂ 9 %). Idempotent: a second call returns the same ids. Link this folder into a test project
/// (<c>&lt;Compile Include="../Shared/Sources/*.cs" LinkBase="Shared/Sources" /&gt;</c>).
/// </summary>
public static class SourceSeed
{
    /// <summary>Enterprise A (the one whose user signs in).</summary>
    public const string UsccA = "91500105MA5U0A1661";
    /// <summary>Enterprise B (must stay invisible to A).</summary>
    public const string UsccB = "91500105MA5U0B169H";
    /// <summary>A's permit number.</summary>
    public const string PermitNumberA = "91500105MA5U0A1661001P";
    /// <summary>B's permit number.</summary>
    public const string PermitNumberB = "91500105MA5U0B169H001P";
    /// <summary>Site code of A's DA001.</summary>
    public const string OutletSiteCodeAirA = PermitNumberA + "-DA001";
    /// <summary>Site code of A's DW001.</summary>
    public const string OutletSiteCodeWaterA = PermitNumberA + "-DW001";
    /// <summary>Site code of B's DA001.</summary>
    public const string OutletSiteCodeAirB = PermitNumberB + "-DA001";

    /// <summary>Stores the fixture (once) and returns its ids.</summary>
    /// <param name="store">A migrated store.</param>
    public static async Task<SourceSeedIds> SeedAsync(SmartEnvStore store)
    {
        await using var db = store.CreateContext();
        if (!await db.Permits.AnyAsync(p => p.Number == PermitNumberA))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (uscc, name) in new[] { (UsccA, "重庆江北甲化工有限公司"), (UsccB, "重庆江北乙热电有限公司") })
                if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc))
                    db.Enterprises.Add(new Enterprise
                    {
                        Uscc = uscc, Name = name, Address = "重庆市江北区", Street = "寸滩街道", StreetCode = "500105005000",
                        IndustryCode = "4411", ManagementCategory = PermitCategory.Key, IsKeyDischarger = true,
                        Longitude = 106.600000m, Latitude = 29.600000m, ContactName = "张三", ContactPhone = "023-00000000", CreatedAt = now,
                    });
            await db.SaveChangesAsync();
            await AddPermitAsync(db, UsccA, PermitNumberA, now,
                ("DA001", OutletMediumKind.Air, OutletTypeKind.Main, "1#锅炉排气筒", new PermitLimit { ParameterCode = "a21026", LimitValue = 35m, Unit = "mg/m³", StandardRef = "GB 13271-2014 表2", ReferenceO2 = 9m, AnnualQuantityT = 10m }),
                ("DW001", OutletMediumKind.Water, OutletTypeKind.General, "废水总排口", new PermitLimit { ParameterCode = "w01018", LimitValue = 100m, Unit = "mg/L", StandardRef = "GB 8978-1996 表4 一级" }));
            await AddPermitAsync(db, UsccB, PermitNumberB, now,
                ("DA001", OutletMediumKind.Air, OutletTypeKind.Main, "锅炉排气筒", new PermitLimit { ParameterCode = "a21026", LimitValue = 35m, Unit = "mg/m³", StandardRef = "GB 13271-2014 表2", ReferenceO2 = 9m }));
        }
        var permitA = await db.Permits.SingleAsync(p => p.Number == PermitNumberA);
        var permitB = await db.Permits.SingleAsync(p => p.Number == PermitNumberB);
        var versionA = await db.PermitVersions.Where(v => v.PermitId == permitA.Id).MaxAsync(v => v.Id);
        async Task<long> Site(string code) => await db.Sites.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
        return new SourceSeedIds(permitA.Id, versionA, await Site(OutletSiteCodeAirA), await Site(OutletSiteCodeWaterA), permitB.Id, await Site(OutletSiteCodeAirB));
    }

    private static async Task AddPermitAsync(SmartEnvDbContext db, string uscc, string number, DateTimeOffset now,
        params (string Code, OutletMediumKind Medium, OutletTypeKind Type, string Name, PermitLimit Limit)[] outlets)
    {
        var permit = new Permit { Uscc = uscc, Number = number, Kind = PermitKind.Permit, CreatedAt = now };
        var version = new PermitVersion
        {
            Version = 1, Category = PermitCategory.Key, IssuedOn = new DateOnly(2025, 5, 20),
            ValidFrom = new DateOnly(2025, 6, 1), ValidTo = new DateOnly(2030, 5, 31),
            ReportAnnual = true, ReportQuarterly = true, ChangeReason = "首次申请", CreatedBy = "seed", CreatedAt = now,
        };
        permit.Versions.Add(version);
        foreach (var o in outlets)
        {
            var site = new Site
            {
                Code = number + "-" + o.Code, NameZh = o.Name, Kind = SiteKind.Source, IsPublic = false, EnterpriseUscc = uscc,
                Note = "排放口 " + o.Code + "（许可证 " + number + "）",
            };
            db.Sites.Add(site);
            await db.SaveChangesAsync();
            var outlet = new PermitOutlet { Code = o.Code, Medium = o.Medium, Type = o.Type, Name = o.Name, SiteId = site.Id };
            outlet.Limits.Add(o.Limit);
            version.Outlets.Add(outlet);
        }
        db.Permits.Add(permit);
        await db.SaveChangesAsync();
    }
}
