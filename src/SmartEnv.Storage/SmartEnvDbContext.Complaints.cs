using Microsoft.EntityFrameworkCore;

namespace SmartEnv.Storage;

// Issue 18: the model of the complaint and petition tables (12369 and 信访), implemented by P2 in
// SmartEnvDbContext.ComplaintTables.cs with one migration (Complaints). Entities live in Entities/Complaints.
public abstract partial class SmartEnvDbContext
{
    /// <summary>Complaints, their pollution types, reporters (kept apart: privacy), photos, events, duplicate proposals,
    /// merges, extensions, replies and 回访, and the per-day case-number serials.</summary>
    partial void ConfigureComplaints(ModelBuilder b);
}
