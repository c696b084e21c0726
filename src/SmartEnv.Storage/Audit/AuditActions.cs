namespace SmartEnv.Storage.Audit;

/// <summary>
/// The catalogue of audited actions and target types the platform writes today (docs/security.md "Audit trail" lists
/// what each records). New parts add their own (e.g. <c>user.role.change</c>, <c>review.mark</c>) here and in the audit
/// page's texts (<c>Resources/Ui/audit.tsv</c>, rows <c>Act_…</c> / <c>Target_…</c>); a test compares the two lists.
/// Immutable; thread-safe.
/// </summary>
public static class AuditActions
{
    /// <summary>Every action written by the platform, <c>AREA.VERB</c>.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "site.create", "site.update", "site.delete",
        "device.register", "device.update", "device.password.set", "device.enable", "device.disable", "device.delete",
        "alert.acknowledge", "alert.close",
        "plan.import", "plan.value.record", "plan.value.import", "plan.municipal_target.set", "plan.stage.change", "plan.progress.report", "plan.evaluation.add",
        "import.run", "import.values.replace", "aqi.recompute", "evaluation.retry", "simulation.purge",
        "review.mark", "review.restore",
        "enterprise.create", "enterprise.update",
        "registry.import",
        "store.purge", "store.restore",
        "user.create", "user.roles.change", "user.disable", "user.enable", "user.password.reset", "user.token.issue", "user.token.revoke",
        "permit.create", "permit.version.add", "execution_report.schedule", "execution_report.submit",
        // issue 16 P5: 异常说明 (SmartEnv.Sources.Explanations.ExplanationService)
        "explanation.submit", "explanation.accept", "explanation.reject", "explanation.withdraw",
        // issue 17 P4: transfer manifests (SmartEnv.Waste.Manifests.ManifestService.Actions)
        "manifest.draft", "manifest.submit", "manifest.pick_up", "manifest.arrive", "manifest.accept", "manifest.accept_partially",
        "manifest.reject", "manifest.record_paper", "manifest.back_fill", "manifest.correct",
        // issue 18 P9 (issue 17 follow-up): a provisional due day counted again (ManifestService.RecomputeProvisionalDuesAsync)
        "manifest.due_recompute",
        // issue 17 P2: waste parties, facilities, containers and the ledger (SmartEnv.Waste.Ledger.LedgerService)
        "hw_party.update", "hw_facility.create", "hw_container.generate", "hw_ledger.record",
        // issue 17 P6: medical waste (SmartEnv.Waste.Medical.MedicalWasteService)
        "mw.handover.record", "mw.collection.record", "mw.report.submit",
        // issue 17 P5: management classes, annual figures, plans, declarations (SmartEnv.Waste.Generators.GeneratorService)
        "hw.class.compute", "hw.class.override", "hw.annual.record", "hw.plan.submit", "hw.declaration.submit",
        // issue 18 P2: complaint intake (SmartEnv.Complaints.Intake.ComplaintIntakeService)
        "complaint.register",
        // issue 18 P3: complaint handling (SmartEnv.Complaints.Handling.ComplaintService.Actions)
        "complaint.accept", "complaint.decline", "complaint.assign", "complaint.findings", "complaint.reply", "complaint.visit",
        "complaint.close", "complaint.review", "complaint.review_decision", "complaint.recheck", "complaint.recheck_decision",
        "complaint.merge", "complaint.extend", "complaint.duplicate.propose",
        // issue 18 P5: Open311 client keys (SmartEnv.Complaints.Open311.Open311ApiKeys)
        "complaint_api_client.create", "complaint_api_client.disable",
        // issue 19 P4: draw plans, inspections, rectification, enforcement (SmartEnv.Inspections)
        "draw.freeze", "draw.commit", "draw.publish", "inspection.task.start", "inspection.record", "rectification.issue", "rectification.follow_up",
        "enforcement.create", "enforcement.update",
        // issue 19 P4: credit (SmartEnv.Credit.CreditService)
        "credit.evaluate", "credit.adjust", "credit.grade_event",
        "credit.repair.apply", "credit.repair.start_review", "credit.repair.approve", "credit.repair.reject", "credit.repair.withdraw",
        // issue 19: the draw's lists (SmartEnv.Inspections.Roster.DrawListsService)
        "inspector.set", "inspector.conflict", "inspector.conflict_withdrawn", "enterprise.supervision",
        // issue 20: construction sites (SmartEnv.Construction.ConstructionService.Actions)
        "construction_site.create", "construction_monitor.bind", "construction_threshold.set", "construction_card.evaluate", "construction_site.blacklist",
        // issue 20 part A: 入河排水口 (SmartEnv.Drainage.DrainageService)
        "drainage.create", "drainage.update", "drainage.status", "drainage.sample", "drainage.import",
        // issue 20: emergencies (SmartEnv.Emergency.EmergencyService)
        "emergency.unit.save", "emergency.document.add", "emergency.plan.create", "emergency.plan.attach", "emergency.plan.submit",
        "emergency.plan.file", "emergency.plan.return", "emergency.event.record", "emergency.event.report",
        "emergency.event.correct",
        // issue 22: data sources and their findings (SmartEnv.Imports.DataSources.DataSourceService)
        "data_source.create", "data_source.update", "data_source.finding.attach", "data_source.finding.withdraw",
    ];

    /// <summary>Every target type written by the platform.</summary>
    public static IReadOnlyList<string> TargetTypes { get; } = ["site", "device", "alert", "plan", "plan_indicator", "plan_project", "import", "simulation", "review_mark", "enterprise", "user", "store", "permit", "execution_report", "source_explanation",
        "manifest", // issue 17 P4
        "hw_party", "hw_facility", "hw_container", // issue 17 P2
        /* issue 17 P6 */ "mw_handover", "mw_collection", "mw_report",
        "hw_class", "hw_filing", // issue 17 P5
        "complaint", // issue 18 P2
        "complaint_api_client", // issue 18 P5
        "draw_plan", "inspection_task", "inspection_record", "rectification_order", "enforcement_case", "credit", "credit_repair", // issue 19 P4
        "inspector", // issue 19: DrawListsService
        "construction_site", // issue 20: ConstructionService
        "drainage_outlet", // issue 20 part A
        "emergency_unit", "emergency_document", "emergency_plan", "emergency_event", // issue 20
        "data_source", "data_source_finding"]; // issue 22
}
