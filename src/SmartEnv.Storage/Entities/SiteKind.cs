namespace SmartEnv.Storage.Entities;

/// <summary>What a monitoring site measures. Stored as lower-case text (<c>air</c>, <c>water</c>, <c>noise</c>,
/// <c>source</c>, <c>waste_facility</c>, <c>complaint_desk</c>, <c>inspection_desk</c>).</summary>
public enum SiteKind
{
    /// <summary>Ambient air-quality automatic monitoring station (GB 3095-2012, HJ 633-2012).</summary>
    Air,
    /// <summary>Surface-water section or water-quality automatic station (GB 3838-2002).</summary>
    Water,
    /// <summary>Environmental noise monitoring point (GB 3096-2008).</summary>
    Noise,
    /// <summary>Discharge outlet (排放口) of a pollution source, monitored by CEMS or a water online monitor (HJ 212 ST=31/32,
    /// HJ 75-2017, HJ 353-2019): always owned by an enterprise (<see cref="Site.EnterpriseUscc"/>), never public, judged
    /// against its discharge permit (issue 16), never by the ambient-quality rules (no AQI, no water class, no noise).</summary>
    Source,
    /// <summary>Hazardous- or medical-waste facility (贮存/利用/处置设施, a medical institution's 暂存间) of an enterprise (issue 17):
    /// always owned by an enterprise, never public, no monitoring values evaluated; it carries the waste alerts (storage
    /// age, manifests, medical storage time) so they are scoped like every enterprise-owned site. Stored as
    /// <c>waste_facility</c>.</summary>
    WasteFacility,
    /// <summary>The bureau's complaint desk (信访投诉受理, issue 18): one non-public, bureau-owned site (no enterprise; code
    /// <see cref="ComplaintDeskSite.Code"/>) that carries the complaint alerts (rules 13–15: acceptance overdue, handling
    /// overdue, urgent case not yet assigned) with the case numbers in the detail. It has no device and no monitoring
    /// values: never evaluated (no AQI, water class or noise), never on a public map or list. Stored as
    /// <c>complaint_desk</c>.</summary>
    ComplaintDesk,
    /// <summary>The bureau's 双随机 inspection desk (issue 19): one non-public, bureau-owned site (no enterprise; code
    /// <see cref="InspectionDeskSite.Code"/>) that carries the inspection alerts (rule 16: a committed draw not published by
    /// its due day) with the plan ids in the detail. No device, no monitoring values: never evaluated, never on a public
    /// map or list. Stored as <c>inspection_desk</c>.</summary>
    InspectionDesk,
    /// <summary>An online dust/noise monitor of a construction site (扬尘-噪声在线监测, issue 20; HJ 212 ST=39 or ST=22, routed
    /// by the bound MN, not by ST): one site per monitor (<c>ConstructionMonitor.SiteId</c>), owned by the site's builder
    /// (<see cref="Site.EnterpriseUscc"/>), never public, never evaluated by the AQI, water-class or noise-zone rules; its
    /// hours are judged against the construction site's own thresholds and GB 12523-2011 by SmartEnv.Construction. Stored
    /// as <c>construction</c> (the kind column is 16 characters wide).</summary>
    Construction,
}
