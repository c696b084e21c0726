using Microsoft.EntityFrameworkCore;

namespace SmartEnv.Storage;

// Issue 16: the model of the pollution-source tables, one partial method per part, each implemented in its own file
// (SmartEnvDbContext.SourceRegistry.cs, .SourceMonitoring.cs, .SourceExplanations.cs) with its own migration.
public abstract partial class SmartEnvDbContext
{
    /// <summary>Enterprise profile columns, permits, permit versions, outlets, limits, execution reports.</summary>
    partial void ConfigureSourceRegistry(ModelBuilder b);

    /// <summary>Outlet hours judged against the permit, exceedances, day totals, day rates, quantity checks.</summary>
    partial void ConfigureSourceMonitoring(ModelBuilder b);

    /// <summary>异常说明 (explanations) filed by enterprises and decided by staff.</summary>
    partial void ConfigureSourceExplanations(ModelBuilder b);
}
