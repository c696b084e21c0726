using Microsoft.EntityFrameworkCore;

namespace SmartEnv.Storage;

// Issue 17: the model of the hazardous- and medical-waste tables, one partial method per part, each implemented in its own
// file (SmartEnvDbContext.WasteLedger.cs, .WasteManifests.cs, .WasteDeclarations.cs, .MedicalWaste.cs) with its own
// migration (WasteLedger → WasteManifests → WasteDeclarations → MedicalWaste). Entities live in Entities/Waste.
public abstract partial class SmartEnvDbContext
{
    /// <summary>Waste parties (roles and licences of an enterprise), facilities, containers (一物一码) and ledger entries.</summary>
    partial void ConfigureWasteLedger(ModelBuilder b);

    /// <summary>Transfer manifests (联单), their versions, lines, events and the per-city serials.</summary>
    partial void ConfigureWasteManifests(ModelBuilder b);

    /// <summary>Management classes (with overrides), annual generation, management plans, declarations.</summary>
    partial void ConfigureWasteDeclarations(ModelBuilder b);

    /// <summary>Medical-waste handovers, collections and annual reports.</summary>
    partial void ConfigureMedicalWaste(ModelBuilder b);
}
