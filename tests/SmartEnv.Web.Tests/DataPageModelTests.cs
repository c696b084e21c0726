using Microsoft.AspNetCore.Components.Forms;
using SmartEnv.Imports;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The 数据 page's decisions moved out of its <c>@code</c> into <see cref="DataPageModel"/> (issue #12 point 6): tab from
/// the query, progress percentage, refused recomputation range, upload staging and its 256 MB limit. Hand-worked values;
/// files only under a fresh temporary directory, which the staging itself creates and the test deletes.
/// </summary>
public sealed class DataPageModelTests
{
    private static OperationSnapshot Op(OperationState state, double? fraction) => new("0123456789ab", OperationKind.Import, "f.csv", "cnemc",
        state, DateTimeOffset.UnixEpoch, null,
        fraction is { } f ? new ImportProgress(ImportPhase.Reading, 0, 0, 0, 0, 0, 0, 0, 0, 0, f) : null, null, null, null);

    [Theory]
    [InlineData(null, "quarantine")]
    [InlineData("", "quarantine")]
    [InlineData("imports", "imports")]
    [InlineData("verify", "verify")]
    [InlineData("evaluation", "evaluation")]
    [InlineData("Imports", "quarantine")] // keys are exact
    [InlineData("nonsense", "quarantine")]
    public void A_tab_link_opens_a_known_tab_or_the_first(string? query, string tab) => Assert.Equal(tab, DataPageModel.Tab(query));

    [Fact]
    public void The_default_tab_has_no_query_parameter()
    {
        Assert.Null(DataPageModel.TabQuery("quarantine"));
        Assert.Equal("packets", DataPageModel.TabQuery("packets"));
    }

    [Fact]
    public void Percent_is_the_fraction_to_one_decimal_and_100_once_succeeded()
    {
        Assert.Equal(0, DataPageModel.Percent(Op(OperationState.Running, null)));
        Assert.Equal(12.3, DataPageModel.Percent(Op(OperationState.Running, 0.12345))); // 12.345 → 12.3
        Assert.Equal(45.7, DataPageModel.Percent(Op(OperationState.Failed, 0.4567)));
        Assert.Equal(100, DataPageModel.Percent(Op(OperationState.Succeeded, 0.5)));
    }

    [Fact]
    public void A_refused_range_names_the_range_and_an_allowed_one_gives_null()
    {
        var now = new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero); // 2026-12-06 10:00 Beijing
        Assert.Null(DataPageModel.RecomputeRangeError(new(2019, 1, 1), new(2019, 12, 31), now));
        var error = DataPageModel.RecomputeRangeError(new(1999, 12, 31), new(2019, 12, 31), now);
        Assert.NotNull(error);
        Assert.StartsWith("1999-12-31 … 2019-12-31: ", error, StringComparison.Ordinal);
        Assert.Contains("before 2000-01-01", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Upload_limit_is_256_MB() => Assert.Equal((256L * 1024 * 1024, 256), (DataPageModel.MaxUploadBytes, DataPageModel.MaxUploadMb));

    [Fact]
    public async Task An_upload_is_copied_into_its_own_directory()
    {
        byte[] bytes = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251))];
        var staged = await DataPageModel.StageUploadAsync(new MemoryFile("站点 2019.csv", bytes), _ => { }, CancellationToken.None);
        try
        {
            Assert.StartsWith(Path.GetTempPath(), staged.Directory, StringComparison.Ordinal);
            Assert.Equal(Path.Combine(staged.Directory, staged.Name), staged.Path);
            Assert.Equal(SmartEnv.Web.Apis.ImportApi.UploadName("站点 2019.csv"), staged.Name);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(staged.Path));
            Assert.Single(Directory.GetFiles(staged.Directory));
        }
        finally { Directory.Delete(staged.Directory, true); }
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_leaves_no_directory()
    {
        var before = Directory.GetDirectories(Path.GetTempPath(), "smartenv-upload-*").ToHashSet();
        var file = new MemoryFile("big.csv", [1, 2, 3], size: DataPageModel.MaxUploadBytes + 1);
        var ex = await Assert.ThrowsAsync<IOException>(() => DataPageModel.StageUploadAsync(file, _ => { }, CancellationToken.None));
        Assert.Contains($"{DataPageModel.MaxUploadBytes + 1} bytes", ex.Message, StringComparison.Ordinal);
        Assert.False(file.Opened);
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "smartenv-upload-*"), d => !before.Contains(d));
    }

    /// <summary>An <see cref="IBrowserFile"/> over bytes in memory; <paramref name="size"/> may claim more than it holds.</summary>
    private sealed class MemoryFile(string name, byte[] bytes, long? size = null) : IBrowserFile
    {
        public bool Opened { get; private set; }
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => size ?? bytes.Length;
        public string ContentType => "text/csv";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
        {
            Opened = true;
            return new MemoryStream(bytes, writable: false);
        }
    }
}
