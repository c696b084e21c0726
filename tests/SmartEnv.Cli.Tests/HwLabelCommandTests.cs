using System.Text.Json;
using SmartEnv.Storage;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary><c>smartenv hw label</c> on a SQLite store in a temp folder with the issue 17 fixture (<see cref="WasteSeed"/>:
/// A's 200 L container → one 150 × 150 mm label, HJ 1276 as in supervision.md §3.5). The PDF's QR content is decoded in
/// the web tests (LabelPdfTests, ContainerPageTests); here the command's contract: file, size, QR address, exit codes.</summary>
public sealed class HwLabelCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-hw-label-cli-" + Guid.NewGuid().ToString("N")[..12]);

    private async Task SeedAsync()
    {
        var store = new SmartEnvStore(StoreOptions.Parse(null, _dir));
        await store.MigrateAndSeedAsync();
        await WasteSeed.SeedAsync(store);
    }

    [Fact]
    public async Task Label_writes_the_pdf_at_the_volume_size_with_the_page_address()
    {
        await SeedAsync();
        var file = Path.Combine(_dir, "label.pdf");
        var r = CliRunner.Run("", "hw", "label", WasteSeed.ContainerIdentifierA, "--out", file, "--public-url", "https://hb.example/", "--data-dir", _dir);
        Assert.True(r.ExitCode == 0, r.Err);
        var json = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(150, json.GetProperty("width_mm").GetInt32());
        Assert.Equal(150, json.GetProperty("height_mm").GetInt32());
        Assert.Equal(1, json.GetProperty("copies").GetInt32());
        Assert.Equal("https://hb.example/hw/c/" + WasteSeed.ContainerIdentifierA, json.GetProperty("qr").GetString());
        Assert.Equal("%PDF"u8.ToArray(), File.ReadAllBytes(file)[..4]);
        Assert.DoesNotContain("note:", r.Err);

        var noBase = CliRunner.Run("", "hw", "label", WasteSeed.ContainerIdentifierA, "--out", file, "--data-dir", _dir);
        Assert.Equal(0, noBase.ExitCode);
        Assert.Contains("note: no --public-url", noBase.Err);
        Assert.Equal("http://localhost:5080/hw/c/" + WasteSeed.ContainerIdentifierA, JsonDocument.Parse(noBase.Out).RootElement.GetProperty("qr").GetString());
    }

    [Fact]
    public async Task Unknown_container_or_bad_address_is_exit_1()
    {
        await SeedAsync();
        var file = Path.Combine(_dir, "x.pdf");
        var unknown = CliRunner.Run("", "hw", "label", "NO-SUCH-CONTAINER", "--out", file, "--public-url", "https://hb.example", "--data-dir", _dir);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no container NO-SUCH-CONTAINER", unknown.Err);
        var bad = CliRunner.Run("", "hw", "label", WasteSeed.ContainerIdentifierA, "--out", file, "--public-url", "hb.example", "--data-dir", _dir);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--public-url", bad.Err);
        Assert.False(File.Exists(file));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
