using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Waste.Labels;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv hw label IDENTIFIER --out FILE.pdf [--public-url URL] [--label-font FILE]</c> over the store named by
/// <c>--data-dir</c>/<c>--db</c> (issue 17 P3, docs/waste.md): prints the container's HJ 1276 label as a PDF (size by its
/// volume; two pages over 450 L) whose QR code opens <c>{URL}/hw/c/{identifier}</c>. Unrestricted, as every operator
/// command. Output: one JSON object (<c>identifier</c>, <c>file</c>, <c>width_mm</c>, <c>height_mm</c>, <c>copies</c>,
/// <c>qr</c>). Exit 0 written; 1 unknown container, a bad URL, no CJK font (the message names fonts-wqy-microhei) or a
/// store failure.
/// </summary>
public static partial class HwCommand
{
    /// <summary>QR base when <c>--public-url</c> is not given: the address <c>smartenv serve</c> listens on by default.</summary>
    public const string DefaultLabelBase = "http://localhost:5080";

    static partial void AddLabels(Command hw, CliContext context)
    {
        var identifier = new Argument<string>("IDENTIFIER") { Description = "The container's 数字识别码." };
        var output = new Option<string>("--out") { Description = "PDF file to write.", Required = true };
        var publicUrl = new Option<string?>("--public-url") { Description = $"Public address of the platform the QR code opens (…/hw/c/IDENTIFIER). Default {DefaultLabelBase} (a note on stderr)." };
        var font = new Option<string?>("--label-font") { Description = "CJK font file; default: the Debian fonts-wqy-microhei / fonts-noto-cjk files." };
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        var cmd = new Command("label", "Print a container's hazardous-waste label (HJ 1276) as PDF (危险废物标签).");
        cmd.Arguments.Add(identifier);
        foreach (var o in new Option[] { output, publicUrl, font, dataDir, db }) cmd.Options.Add(o);
        cmd.SetAction(async (pr, ct) =>
        {
            var id = pr.GetValue(identifier)!;
            var baseUrl = pr.GetValue(publicUrl);
            if (baseUrl is null) context.Err.WriteLine($"note: no --public-url; the QR code opens {DefaultLabelBase}/hw/c/{id}");
            try { Supervision.Waste.Labels.ContainerUrl.For(baseUrl ?? DefaultLabelBase, id); }
            catch (ArgumentException ex)
            {
                context.Err.WriteLine("error: --public-url: " + ex.Message);
                return 1;
            }
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                var uscc = await ctx.WasteContainers.Where(c => c.Identifier == id).Select(c => c.Uscc).SingleOrDefaultAsync(ct);
                if (uscc is null)
                {
                    context.Err.WriteLine($"error: no container {id}");
                    return 1;
                }
                var doc = await new LabelService(ctx, new LabelOptions { PublicBaseUrl = baseUrl ?? DefaultLabelBase, FontPath = pr.GetValue(font) })
                    .PrintAsync(uscc, id, DefaultLabelBase, ct);
                var file = Path.GetFullPath(pr.GetValue(output)!);
                await File.WriteAllBytesAsync(file, doc!.Pdf, ct);
                context.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    identifier = id, file, width_mm = doc.Size.WidthMm, height_mm = doc.Size.HeightMm, copies = doc.Size.Copies, qr = doc.Label.QrPayload,
                }, CliJson.Options));
                return 0;
            }
            catch (Exception ex) when (ex is LabelFontMissingException or StoreUnavailableException)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        hw.Subcommands.Add(cmd);
    }
}
