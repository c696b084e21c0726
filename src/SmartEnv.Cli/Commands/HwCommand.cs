using System.CommandLine;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv hw …</c>: the hazardous- and medical-waste commands of issue 17 (docs/waste.md). One partial method per
/// area adds its subcommands, each implemented in its own file (<c>HwCatalogueCommands.cs</c>, <c>HwLedgerCommands.cs</c>,
/// <c>HwLabelCommands.cs</c>, <c>HwManifestCommands.cs</c>, <c>HwDeclarationCommands.cs</c>, <c>HwMedicalCommands.cs</c>).
/// </summary>
public static partial class HwCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams and store options.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("hw", "Hazardous and medical waste (危险废物、医疗废物): catalogue, ledger, labels, manifests, declarations.");
        AddCatalogue(cmd, context);
        AddLedger(cmd, context);
        AddLabels(cmd, context);
        AddManifests(cmd, context);
        AddDeclarations(cmd, context);
        AddMedical(cmd, context);
        return cmd;
    }

    static partial void AddCatalogue(Command hw, CliContext context);
    static partial void AddLedger(Command hw, CliContext context);
    static partial void AddLabels(Command hw, CliContext context);
    static partial void AddManifests(Command hw, CliContext context);
    static partial void AddDeclarations(Command hw, CliContext context);
    static partial void AddMedical(Command hw, CliContext context);
}
