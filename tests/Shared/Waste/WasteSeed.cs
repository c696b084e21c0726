using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;

namespace SmartEnv.Tests;

/// <summary>Ids of what <see cref="WasteSeed.SeedAsync"/> stored (issue 17 fixtures).</summary>
/// <param name="Sources">The issue 16 fixture it builds on (enterprises A and B).</param>
/// <param name="FacilityA">A's storage facility TS001 (<c>hw_facilities.id</c>).</param>
/// <param name="FacilitySiteA">Its site (<c>sites.id</c>, code <see cref="WasteSeed.FacilitySiteCodeA"/>).</param>
/// <param name="FacilityR">Receiver R's storage facility TS001.</param>
/// <param name="FacilityRDisposal">Receiver R's disposal facility CZ001.</param>
/// <param name="FacilityH">Hospital H's 暂存间 ZC001 (medical_temporary).</param>
/// <param name="FacilitySiteH">Its site.</param>
/// <param name="FacilityD">Disposal unit D's disposal facility CZ001.</param>
/// <param name="ContainerA">A's seeded container <see cref="WasteSeed.ContainerIdentifierA"/>.</param>
public sealed record WasteSeedIds(SourceSeedIds Sources, long FacilityA, long FacilitySiteA, long FacilityR, long FacilityRDisposal,
    long FacilityH, long FacilitySiteH, long FacilityD, long ContainerA);

/// <summary>
/// The shared issue 17 fixture, written straight through the EF model (no service, so every part can use it before the
/// ledger service lands). On top of <see cref="SourceSeed"/> (enterprises A and B) it stores these parties; every USCC
/// passes GB 32100-2015 (check character) and the embedded GB 11714 check (computed by hand with the weights of
/// supervision.md §1.2/§1.4 and asserted by <c>WasteSeedTests</c> with <c>SmartEnv.Standards.Identifiers.Uscc</c>):
/// <list type="bullet">
/// <item>A <c>91500105MA5U0A1661</c> (<see cref="SourceSeed.UsccA"/>) — generator; storage facility <c>TS001</c>
///   「1#危废贮存库」 (50 t) on site <c>91500105MA5U0A1661-TS001</c>.</item>
/// <item>C <c>91500105MA5U0C1C03</c> 重庆江北丙危险品运输有限公司 — carrier, 道路运输经营许可证 <c>渝交运管许可字500105000001号</c>.</item>
/// <item>R <c>91500105MA5U0R1R4T</c> 重庆江北丁环保科技有限公司 — receiver, 经营单位, 危险废物经营许可证 <c>渝危废经字500105001号</c>;
///   storage <c>TS001</c> and disposal <c>CZ001</c>.</item>
/// <item>H <c>125001054503802151</c> 重庆市江北区戊医院 — medical institution (registration authority 1 = 机构编制, category
///   2 = 事业单位); 暂存间 <c>ZC001</c> (medical_temporary).</item>
/// <item>D <c>91500105MA5U0D1D1E</c> 重庆江北己医疗废物处置有限公司 — central medical-waste disposal unit (MedicalDisposal +
///   Receiver, 经营单位, licence <c>渝危废经字500105002号</c>); disposal facility <c>CZ001</c>.</item>
/// </list>
/// B (<see cref="SourceSeed.UsccB"/>) gets no waste rows (it must see nothing of A). A has one container
/// <see cref="ContainerIdentifierA"/>: 900-249-08 HW08 废矿物油 (T，I, 液态), 200 L 铁桶, 180 kg = 0.18 t, generated
/// 2026-01-05 10:00 Beijing (02:00 UTC), stored in TS001 at 14:00 Beijing (06:00 UTC), with its 产生 and 入库 ledger rows.
/// All division codes 500105. Idempotent: a second call returns the same ids. The folder is linked into the Storage, Web,
/// Cli, Gateway and Browser test projects.
/// </summary>
public static class WasteSeed
{
    /// <summary>Generator A (= <see cref="SourceSeed.UsccA"/>).</summary>
    public const string UsccA = SourceSeed.UsccA;
    /// <summary>Carrier C.</summary>
    public const string UsccC = "91500105MA5U0C1C03";
    /// <summary>Receiver R (经营单位).</summary>
    public const string UsccR = "91500105MA5U0R1R4T";
    /// <summary>Hospital H (medical institution).</summary>
    public const string UsccH = "125001054503802151";
    /// <summary>Central medical-waste disposal unit D.</summary>
    public const string UsccD = "91500105MA5U0D1D1E";
    /// <summary>R's 危险废物经营许可证 number (fixture value).</summary>
    public const string LicenceR = "渝危废经字500105001号";
    /// <summary>D's 危险废物经营许可证 number (fixture value).</summary>
    public const string LicenceD = "渝危废经字500105002号";
    /// <summary>C's 道路运输经营许可证 number (fixture value).</summary>
    public const string TransportLicenceC = "渝交运管许可字500105000001号";
    /// <summary>Site code of A's storage facility TS001.</summary>
    public const string FacilitySiteCodeA = UsccA + "-TS001";
    /// <summary>Site code of H's 暂存间 ZC001.</summary>
    public const string FacilitySiteCodeH = UsccH + "-ZC001";
    /// <summary>A's container: 18 (USCC) + 8 (code 90024908) + 8 (20260105) + 3 (001) = 37 characters (the assumed HJ 1276
    /// layout, supervision.md §3.5 [U]).</summary>
    public const string ContainerIdentifierA = UsccA + "90024908" + "20260105" + "001";

    /// <summary>Stores the fixture (once) and returns its ids.</summary>
    /// <param name="store">A migrated store.</param>
    public static async Task<WasteSeedIds> SeedAsync(SmartEnvStore store)
    {
        var sources = await SourceSeed.SeedAsync(store);
        await using var db = store.CreateContext();
        if (!await db.WasteParties.AnyAsync(p => p.Uscc == UsccA))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (uscc, name) in new[]
                     {
                         (UsccC, "重庆江北丙危险品运输有限公司"), (UsccR, "重庆江北丁环保科技有限公司"),
                         (UsccH, "重庆市江北区戊医院"), (UsccD, "重庆江北己医疗废物处置有限公司"),
                     })
                if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc))
                    db.Enterprises.Add(new Enterprise
                    {
                        Uscc = uscc, Name = name, Address = "重庆市江北区", Street = "寸滩街道", StreetCode = "500105005000",
                        Longitude = 106.610000m, Latitude = 29.610000m, ContactName = "李四", ContactPhone = "023-11111111", CreatedAt = now,
                    });
            db.WasteParties.AddRange(
                new WasteParty { Uscc = UsccA, Roles = WastePartyRoles.Generator, UpdatedAt = now },
                new WasteParty { Uscc = UsccC, Roles = WastePartyRoles.Carrier, TransportLicence = TransportLicenceC, UpdatedAt = now },
                new WasteParty { Uscc = UsccR, Roles = WastePartyRoles.Receiver, HwLicenceNumber = LicenceR, IsBusinessUnit = true, UpdatedAt = now },
                new WasteParty { Uscc = UsccH, Roles = WastePartyRoles.MedicalInstitution | WastePartyRoles.Generator, UpdatedAt = now },
                new WasteParty { Uscc = UsccD, Roles = WastePartyRoles.MedicalDisposal | WastePartyRoles.Receiver, HwLicenceNumber = LicenceD, IsBusinessUnit = true, UpdatedAt = now });
            await db.SaveChangesAsync();
            await AddFacilityAsync(db, UsccA, "TS001", WasteFacilityKind.Storage, "1#危废贮存库", 50m, now);
            await AddFacilityAsync(db, UsccR, "TS001", WasteFacilityKind.Storage, "危废贮存库", 500m, now);
            await AddFacilityAsync(db, UsccR, "CZ001", WasteFacilityKind.Disposal, "焚烧处置线", null, now);
            await AddFacilityAsync(db, UsccH, "ZC001", WasteFacilityKind.MedicalTemporary, "医疗废物暂存间", null, now);
            await AddFacilityAsync(db, UsccD, "CZ001", WasteFacilityKind.Disposal, "医疗废物高温蒸汽处置线", null, now);

            var ts001 = await db.WasteFacilities.SingleAsync(f => f.Uscc == UsccA && f.Code == "TS001");
            var generated = new DateTimeOffset(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);
            var stored = new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
            var container = new WasteContainer
            {
                Identifier = ContainerIdentifierA, IdentifierFormat = "assumed-hj1276-37", Uscc = UsccA, ListVersion = "2021",
                WasteCode = "900-249-08", Category = "HW08", Name = "废矿物油", Form = "液态", Hazard = "T，I",
                MainComponents = "矿物油", HarmfulComponents = "石油烃", Precautions = "远离火源，防止泄漏",
                ContainerType = "铁桶", VolumeL = 200m, GeneratedAt = generated, GenerationBatch = "CS20260105001",
                QuantityT = 0.18m, QuantityAsGiven = 180m, UnitAsGiven = "kg", GeneratingFacilityCode = "CX001",
                FacilityId = ts001.Id, State = WasteLedgerStage.Stored, StoredAt = stored, CreatedBy = "seed", CreatedAt = now,
            };
            db.WasteContainers.Add(container);
            await db.SaveChangesAsync();
            db.WasteLedgerEntries.AddRange(
                Entry(container, WasteLedgerStage.Generated, "CS20260105001", generated, now, e => { e.FacilityCode = "CX001"; e.FacilityKind = "production"; e.Handler = "王五"; e.Destination = "贮存"; }),
                Entry(container, WasteLedgerStage.Stored, "RK20260105001", stored, now, e => { e.FacilityCode = "TS001"; e.FacilityKind = "storage"; e.Handler = "赵六"; e.HandlerTo = "王五"; e.LinkedBatch = "CS20260105001"; }));
            await db.SaveChangesAsync();
        }
        async Task<long> Facility(string uscc, string code) =>
            await db.WasteFacilities.Where(f => f.Uscc == uscc && f.Code == code).Select(f => f.Id).SingleAsync();
        async Task<long> Site(string code) => await db.Sites.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
        return new WasteSeedIds(sources, await Facility(UsccA, "TS001"), await Site(FacilitySiteCodeA), await Facility(UsccR, "TS001"),
            await Facility(UsccR, "CZ001"), await Facility(UsccH, "ZC001"), await Site(FacilitySiteCodeH), await Facility(UsccD, "CZ001"),
            await db.WasteContainers.Where(c => c.Identifier == ContainerIdentifierA).Select(c => c.Id).SingleAsync());
    }

    private static WasteLedgerEntry Entry(WasteContainer c, WasteLedgerStage stage, string batch, DateTimeOffset at, DateTimeOffset now,
        Action<WasteLedgerEntry> fill)
    {
        var e = new WasteLedgerEntry
        {
            Uscc = c.Uscc, Stage = stage, BatchCode = batch, At = at, ContainerId = c.Id, ContainerIdentifier = c.Identifier,
            PackageType = c.ContainerType, PackageCount = 1, WasteCode = c.WasteCode, Category = c.Category, Name = c.Name,
            QuantityT = c.QuantityT, QuantityAsGiven = c.QuantityAsGiven, UnitAsGiven = c.UnitAsGiven, ListVersion = c.ListVersion,
            RecordedBy = "seed", RecordedAt = now,
        };
        fill(e);
        return e;
    }

    private static async Task AddFacilityAsync(SmartEnvDbContext db, string uscc, string code, WasteFacilityKind kind, string name,
        decimal? capacityT, DateTimeOffset now)
    {
        var site = new Site
        {
            Code = uscc + "-" + code, NameZh = name, Kind = SiteKind.WasteFacility, IsPublic = false, EnterpriseUscc = uscc,
            Note = "危险废物设施 " + code,
        };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        db.WasteFacilities.Add(new WasteFacility { Uscc = uscc, Code = code, Kind = kind, Name = name, SiteId = site.Id, CapacityT = capacityT, CreatedAt = now });
        await db.SaveChangesAsync();
    }
}
