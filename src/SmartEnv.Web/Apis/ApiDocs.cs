using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace SmartEnv.Web.Apis;

/// <summary>
/// The API documentation of <c>smartenv serve</c>: two OpenAPI documents of the same endpoints — <c>/openapi/v1.json</c> in
/// Chinese (title, description, tags and operation summaries; the default) and <c>/openapi/en.json</c> in English (the
/// summaries as written at the endpoints) — and the Scalar reference at <c>/scalar</c>, which works offline: its script
/// is the bundle embedded in Scalar.AspNetCore and served by this server (<c>/scalar/scalar.js</c>), the default web fonts
/// (fetched from a CDN) are off, and so are the vendor's AI agent, MCP, telemetry, client-download button and developer
/// tools. The reference opens in the UI language (culture cookie or <c>?culture=</c>), with the other document one click
/// away. Thread-safe (configuration only).
/// </summary>
public static class ApiDocs
{
    /// <summary>Name of the Chinese document (<c>/openapi/v1.json</c>, the historical default name).</summary>
    public const string Chinese = "v1";

    /// <summary>Name of the English document (<c>/openapi/en.json</c>).</summary>
    public const string English = "en";

    /// <summary>Chinese names of the route tags.</summary>
    private static readonly Dictionary<string, string> TagsZh = new(StringComparer.Ordinal)
    {
        ["alerts"] = "告警", ["aqi"] = "空气质量指数 AQI", ["health"] = "运行状态", ["import"] = "导入与重算", ["observations"] = "监测数据",
        ["plan"] = "规划", ["quarantine"] = "隔离报文", ["review"] = "数据审核", ["sites"] = "站点", ["devices"] = "数采仪", ["audit"] = "审计日志",
        ["enterprises"] = "企业",
        ["explanations"] = "异常说明", // issue 16 P5
        ["hw"] = "危险废物", // issue 17 (all parts)
        ["complaints"] = "信访投诉", // issue 18 (all parts)
        ["open311"] = "Open311 接口", // issue 18 P5
        ["inspections"] = "双随机检查与行政处罚", // issue 19 P5
        ["credit"] = "企业环境信用", // issue 19 P5
        ["construction"] = "建筑工地扬尘噪声", // issue 20
        ["map"] = "一张图", // issue 20
        ["drainage"] = "入河排水口", // issue 20 part A
        ["emergency"] = "环境应急", // issue 20
        ["verify"] = "发布数据核验", // issue 22
        ["schedules"] = "定时任务", // issue 20: platform scheduler
        ["data-sources"] = "数据来源", // issue 22
    };

    /// <summary>Chinese operation summaries, keyed by the English summary written at the endpoint (an endpoint whose summary
    /// has no entry keeps its English text: <c>ApiDocsTests</c> fails on that).</summary>
    public static readonly IReadOnlyDictionary<string, string> SummariesZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // issue 20: platform scheduler (SchedulesApi)
        ["Scheduled jobs with their cron expression (Beijing time), enabled flag, next occurrence and last runs (admin)."]
            = "定时任务：执行计划（北京时间cron表达式）、是否启用、下次执行时间及最近执行记录（管理员）。",
        // issue 20: construction sites (ConstructionApi)
        ["Construction sites with their latest card colour, monitors, whether thresholds are configured and the 50,000 m² unmonitored flag (staff)."]
            = "建筑工地列表：最新红黄绿牌、在线监测设备、是否已配置扬尘阈值，以及建筑面积五万平方米以上未安装在线监测的标记（工作人员）。",
        ["Register a construction site: builder and contractor USCC checked, street of the district, floor area and phase (enforcement, audited)."]
            = "登记建筑工地：校验建设单位和施工单位统一社会信用代码、所在街道、建筑面积和施工阶段（执法人员，记入审计日志）。",
        ["A construction site: thresholds, monitors, the last 24 hours of dust and noise with their exceedances, and the card history with evidence (staff)."]
            = "建筑工地详情：扬尘阈值、监测设备、近二十四小时扬尘与噪声及超标时段、红黄绿牌历史及证据（工作人员）。",
        ["Bind an online dust/noise monitor by its HJ 212 MN with the unit it sends particulates in (monitoring, audited)."]
            = "按数采仪编码（MN）绑定扬尘噪声在线监测设备，并配置其颗粒物上报单位（监测人员，记入审计日志）。",
        ["Set a site's dust thresholds from another province's preset, or one threshold with a reason (enforcement, audited)."]
            = "为工地设置扬尘阈值：复制外省参考值，或填写单项阈值及理由（执法人员，记入审计日志）。",
        ["Evaluate a site's card for a month and store it with its rule version and evidence (enforcement, audited)."]
            = "评定工地某月的红黄绿牌，连同规则版本和证据一并保存（执法人员，记入审计日志）。",
        ["Dust threshold presets of other provinces (reference only, not a Chongqing standard) (staff)."]
            = "外省施工扬尘限值参考（仅供参考，不是重庆市标准）（工作人员）。",
        ["District ranking of sites for a month by card and exceedance hours (staff)."]
            = "全区工地月度排名：按红黄绿牌和超标小时数排序（工作人员）。",
        ["Construction sites with their card colour only, no monitor values (public)."]
            = "建筑工地及其红黄绿牌颜色，不含监测数据（公众）。",
        // issue 20 part A: drainage outlets (DrainageApi)
        ["Drainage outlets filtered by ?river=&type=&status=&street= with the rectification progress (staff)."]
            = "按河流、类型、整治状态、街道筛选入河排水口，并给出整治进度（工作人员）。",
        ["One drainage outlet with its status history and samples; a sample without a target class is not classed by GB 3838 (staff)."]
            = "单个入河排水口及其整治状态历史和水质采样；未设定目标水质类别的排水口，采样不按 GB 3838 评价类别（工作人员）。",
        ["Register a drainage outlet; the code must match the format and be new (monitoring, audited)."]
            = "登记入河排水口，编码须符合格式且不重复（监测人员，记入审计日志）。",
        ["Change a drainage outlet's rectification status with the day it took effect; a step back needs a note (monitoring, audited)."]
            = "变更入河排水口整治状态及生效日期，状态回退须填写说明（监测人员，记入审计日志）。",
        ["Record a water-quality sample at a drainage outlet, classed by GB 3838 only when the outlet has a target class (monitoring, audited)."]
            = "登记入河排水口水质采样，仅在排水口设定目标水质类别时按 GB 3838 评价类别（监测人员，记入审计日志）。",
        // issue 20: the one map (MapApi)
        ["The layers of the one map (一张图): key, names, public flag, symbol, categories (staff)."]
            = "一张图的全部图层：图层键、名称、是否公开、图标、图例类别（工作人员）。",
        ["One layer's features, placed or not, optionally of one street or town (?street= code or name) (staff)."]
            = "一个图层的全部要素（含无法落图的要素），可按街道（镇）筛选（?street= 代码或名称）（工作人员）。",
        ["The public layers of the one map (一张图) (public)."]
            = "一张图的公开图层（公众）。",
        ["One public layer's features, optionally of one street or town; a staff-only layer is 404 (public)."]
            = "一个公开图层的全部要素，可按街道（镇）筛选；非公开图层返回 404（公众）。",
        // issue 22: verification of published figures (VerifyApi)
        ["Verify published figures (AQI, water class, noise verdict) of uploaded files: match rate, mismatches and findings with causes; JSON or ?output=xlsx."]
            = "核验上传文件中的发布数据（空气质量指数、水质类别、噪声达标判定）：一致率、不一致明细及按原因归并的发现；返回 JSON，或 ?output=xlsx 返回 Excel。",
        // issue 20: emergencies (EmergencyApi)
        ["An enterprise's risk units, emergency documents and plans with their filing dues (own enterprise or staff)."]
            = "企业的环境风险单元、应急文件和应急预案及其备案期限（本企业用户或工作人员）。",
        ["Create or replace a risk unit with its assessed HJ 941 expression and substances; the expression is checked (the enterprise itself, admin, enforcement)."]
            = "新增或替换环境风险单元及其 HJ 941 风险等级表征和风险物质，系统校验表征格式（本企业用户、管理员、执法人员）。",
        ["Record a signed emergency plan; the filing due (20 working days) and review due (3 years) are counted (the enterprise itself, admin, enforcement)."]
            = "登记已签署的应急预案，计算备案期限（20个工作日）和回顾评估期限（3年）（本企业用户、管理员、执法人员）。",
        ["Upload one document of the filing set (raw body, ?file_name=) before submission or after a notice to complete (the enterprise itself, admin, enforcement)."]
            = "上传一份备案材料（请求体为文件内容，file_name 为文件名），限报送前或收到补正告知后（本企业用户、管理员、执法人员）。",
        ["Import a registry file of drainage outlets (multipart part 'file', .csv UTF-8 or .xlsx): all rows stored or none; a bad row is a 400 naming row and column (admin, monitoring)."]
            = "导入入河排水口名录文件（表单字段 file，UTF-8 编码的 .csv 或 .xlsx）：全部行有效才全部入库，否则不入库并返回 400，指明出错的行和列（管理员、监测人员）。",
        ["Download one filing-set document of a plan with its original file name (own enterprise or staff; another enterprise's is 404)."]
            = "下载预案的一份备案材料（保留原文件名；本企业用户或工作人员，其他企业的材料返回 404）。",
        ["Submit a plan with its complete filing set; the bureau's check is due in 5 working days (the enterprise itself, admin, enforcement)."]
            = "报送材料齐全的应急预案备案，生态环境部门应在5个工作日内审查（本企业用户、管理员、执法人员）。",
        ["Every emergency plan with its due and overdue flags, and the key-unit filing rate (staff)."]
            = "全部应急预案及其到期、超期标记，以及重点风险单位备案率（工作人员）。",
        ["The bureau's check of a submitted plan: filed with a filing number, or a one-time notice to complete with a refile date (enforcement)."]
            = "审查已报送的应急预案：予以备案并填写备案编号，或一次性告知补正并确定重新报送日期（执法人员）。",
        ["Emergency events, newest first, with level, deciding criterion, reporting deadline and reports (staff)."]
            = "突发环境事件（从新到旧），含事件级别、定级依据、报告时限和报告记录（工作人员）。",
        ["Record an emergency event: its level from the Annex 1 criteria and its initial-report deadline (enforcement)."]
            = "登记突发环境事件：按分级标准确定级别并计算初报时限（执法人员）。",
        ["File an initial, continued or final report of an event, timestamped; 409 out of order (enforcement)."]
            = "报送事件的初报、续报或处理结果报告并记录时间；顺序不符时返回 409（执法人员）。",
        ["The Annex 1 level of an event from its criteria and the criterion that decided it; nothing is stored (staff)."]
            = "按分级标准根据事件情况判定级别及定级依据，不保存任何内容（工作人员）。",
        ["Filed emergency plans: unit name, USCC, filing number and filed day, nothing else (public)."]
            = "已备案的应急预案：单位名称、统一社会信用代码、备案编号和备案日期，不含其他信息（公开）。",
        // issue 22: data sources and their findings (DataSourcesApi)
        ["Data sources (publishers of received data) with their active and withdrawn finding counts (staff)."]
            = "数据来源（所接收数据的发布方）列表及其有效和已撤回的核验发现数量（工作人员）。",
        ["Record a data source: key, Chinese name, publisher, address, formats and notes (admin, monitoring; audited)."]
            = "登记数据来源：标识、中文名称、发布方、网址、发布格式和备注（管理员、监测人员，记入审计日志）。",
        ["Change a data source's name, publisher, address, formats and notes; the key stays (admin, monitoring; audited)."]
            = "修改数据来源的名称、发布方、网址、发布格式和备注，标识不变（管理员、监测人员，记入审计日志）。",
        ["The verification findings attached to a data source, newest first, active and withdrawn (staff)."]
            = "数据来源所附的核验发现，从新到旧，含有效和已撤回的（工作人员）。",
        ["Attach a verification finding (domain, cause, from, optional to, stations, rows, summaries) to a data source; later imports from it are flagged (admin, monitoring; audited)."]
            = "为数据来源附加核验发现（领域、原因、起始时间、可选的结束时间、站点数、行数和摘要），此后来自该来源的导入将被标记（管理员、监测人员，记入审计日志）。",
        ["Withdraw a finding with a reason; it stays listed as withdrawn and flags no later import (admin, monitoring; audited)."]
            = "填写理由撤回核验发现；该发现仍以已撤回状态列出，不再标记之后的导入（管理员、监测人员，记入审计日志）。",
        // issue 19 P5: inspections and credit (InspectionsApi, CreditApi)
        ["Penalty bands of the pollutant discharge permit regulation by article, as guidance for case records; never enforced (staff)."]
            = "《排污许可管理条例》各条款的罚款幅度，供登记行政处罚案件时参考，系统不据此强制校验（工作人员）。",
        ["Draw plans, newest first, without their results (enforcement)."]
            = "双随机抽查计划，从新到旧，不含抽取结果（执法人员）。",
        ["Freeze a quarterly draw plan: the object list from the registry, the inspector list from the accounts with a certificate, and the commitment hash of the organiser's secret (enforcement)."]
            = "冻结季度抽查计划：监管对象名录取自企业库，执法检查人员名录取自持有执法证的账号，并登记组织者密钥的承诺哈希（执法人员）。",
        ["The canonical plan JSON as a download, to check with smartenv draw verify; a committed plan's result only for its organiser until published (enforcement)."]
            = "下载规范化的抽查计划 JSON 文件，可用 smartenv draw verify 复核；已抽取未公开的计划仅组织者可下载（执法人员）。",
        ["Reveal the secret and enter the public value: the draw runs and stores the tasks; a wrong secret stores nothing (enforcement)."]
            = "公布密钥并录入公开随机值后执行抽取并保存检查任务；密钥与承诺不符时不保存任何内容（执法人员）。",
        ["Publish a committed plan's result on the public site (enforcement)."]
            = "在公众网站公开已抽取计划的抽查结果（执法人员）。",
        ["The tasks of a plan in draw order with their inspectors; before publication only for the organiser (enforcement)."]
            = "按抽取顺序列出计划的检查任务及执法检查人员；公开前仅组织者可见（执法人员）。",
        ["Start a drawn inspection task (enforcement)."]
            = "开始一项抽查任务（执法人员）。",
        ["Record an inspection with its findings (compliant, or a problem with its category and credit item); a drawn task becomes finished (enforcement)."]
            = "登记检查记录及检查结果（未发现问题，或发现问题并注明问题类别和信用评价项目）；抽查任务随之完成（执法人员）。",
        ["Issue a rectification order on a problem finding, due a number of working days after the issue day (enforcement)."]
            = "针对发现的问题下达责令整改通知，整改期限按工作日计算（执法人员）。",
        ["Record the follow-up check of a rectification order: rectified or not rectified (enforcement)."]
            = "登记整改复查结果：已整改或未按期整改（执法人员）。",
        ["Enforcement cases, newest filing first; ?uscc= one enterprise (staff)."]
            = "行政处罚案件，按立案日期从新到旧；可用 uscc 指定企业（工作人员）。",
        ["Create an enforcement case: case number, enterprise, legal basis, penalty type and amount, filing, notice, decision and execution days, status (enforcement)."]
            = "新建行政处罚案件：案号、当事企业、法律依据、处罚种类和罚款金额、立案、告知、决定和执行日期及案件状态（执法人员）。",
        ["One enforcement case (staff)."]
            = "单个行政处罚案件（工作人员）。",
        ["Update an enforcement case (every field but the number); 409 on a stale version (enforcement)."]
            = "修改行政处罚案件（案号除外）；版本已过期时返回 409（执法人员）。",
        ["An enterprise's drawn tasks (published or started) and inspection records with findings and rectification orders (own enterprise or staff)."]
            = "企业的抽查任务（已公开或已开始）及检查记录、检查结果和整改通知（本企业用户或工作人员）。",
        ["An enterprise's enforcement cases, newest filing first (own enterprise or staff)."]
            = "企业的行政处罚案件，按立案日期从新到旧（本企业用户或工作人员）。",
        ["Published draw plans with the enterprises drawn (name, USCC, mode) and the results of finished inspections; no inspector names or numbers (public)."]
            = "已公开的抽查计划：被抽取企业（名称、统一社会信用代码、检查方式）及已完成检查的结果；不含执法人员姓名或证号（公开）。",
        ["A published plan's canonical JSON (inspectors only by pseudonym) to check with smartenv draw verify; 404 before publication (public)."]
            = "下载已公开抽查计划的规范化 JSON 文件（执法检查人员仅以代号出现），可用 smartenv draw verify 复核；公开前返回 404（公众）。",
        ["Results of finished inspections of published plans: compliant or the problem categories found, without personal data (public)."]
            = "已公开计划中已完成检查的结果：未发现问题或发现的问题类别，不含个人信息（公开）。",
        ["An enterprise's credit record: current grade, latest evaluation of ?year= with lines and evidence, adjustments, grade events and repair applications (own enterprise or staff)."]
            = "企业环境信用档案：当前等级、指定年度（year）的最新评价及扣分明细和证据、人工调整、等级变动和信用修复申请（本企业用户或工作人员）。",
        ["Evaluate an enterprise's credit for a year from the evidence in the store; stores a new evaluation (enforcement)."]
            = "根据平台中的证据记录评价企业某年度的环境信用，保存为一次新的评价（执法人员）。",
        ["Adjust an enterprise's score for a year by signed half points with a reason (required, audited); stores a new evaluation (enforcement)."]
            = "以 0.5 分为单位人工调整企业某年度的得分，须填写理由（记入审计日志），保存为一次新的评价（执法人员）。",
        ["Record an event between evaluations (emergency, veto) that lowers the current grade at once (enforcement)."]
            = "登记两次评价之间发生的事件（突发环境事件、一票否决情形），立即降低当前信用等级（执法人员）。",
        ["Apply for credit repair of published information with the rectification evidence, inside the repair window (enterprise user for its own enterprise; staff 403)."]
            = "在可修复期限内提交整改证明，申请修复已公开的失信信息（企业用户为本企业申请；工作人员 403）。",
        ["Move a repair application: start_review, approve, reject (admin, enforcement) or withdraw (the enterprise); 409 when not permitted now."]
            = "办理信用修复申请：start_review 开始审核、approve 通过、reject 驳回（管理员、执法人员）或 withdraw 撤回（企业）；当前状态不允许时返回 409。",
        ["Credit repair applications, newest first; ?state= filters (staff)."]
            = "信用修复申请，从新到旧；可按状态（state）筛选（工作人员）。",
        ["The latest evaluation of every enterprise and year (?year= one year), newest year first (staff)."]
            = "各企业各年度的最新信用评价（可按年度 year 筛选），从新年度到旧年度（工作人员）。",
        ["Red list: enterprises whose current grade is trustworthy (环保诚信), with name, USCC and year (public)."]
            = "红名单：当前等级为环保诚信的企业，列出名称、统一社会信用代码和评价年度（公开）。",
        ["Black list: enterprises whose current grade is poor (环保不良) while still published (before the longest period ends, not repaired), with name, USCC and year (public)."]
            = "黑名单：当前等级为环保不良且仍在公示期内（未满最长公示期、未经信用修复）的企业，列出名称、统一社会信用代码和评价年度（公开）。",
        // issue 18 P3: complaint handling (ComplaintsApi)
        ["Complaints, newest first, without reporter data; filter by state, overdue, channel, type, street, from/to (registration day), text (staff)."]
            = "信访投诉案件（从新到旧，不含举报人信息），可按状态、是否超期、渠道、污染类型、街道、登记日期起止和关键字筛选（工作人员）。",
        ["Complaints past their acceptance answer day (15 days) or handling due day (60 days + extension) today, in Beijing time (staff)."]
            = "截至今天（北京时间）超过受理答复期限（15日）或办理期限（60日，含延期）的信访投诉案件（工作人员）。",
        ["One complaint with types, photos, events, duplicates, extensions, deadlines and permitted actions; reporter name and contact only for admin and enforcement (staff)."]
            = "单个信访投诉案件及其污染类型、照片、办理记录、疑似重复、延期、期限和当前可办理的操作；举报人姓名和联系方式仅向管理员和执法人员显示（工作人员）。",
        ["Take a workflow action on a complaint: accept, decline, assign, findings, reply, visit, close, review, review_decision, recheck, recheck_decision; 409 with the allowed actions when refused (enforcement)."]
            = "办理信访投诉：受理、不予受理、交办、登记核查情况、办结答复、回访、结案、复查请求、复查意见、复核请求、复核意见；当前状态不允许时返回 409 及可办理的操作（执法人员）。",
        ["Every transition of a complaint with who, when and the note (staff)."]
            = "信访投诉案件的全部办理记录：操作人、时间和说明（工作人员）。",
        ["Propose possible duplicates of an open complaint (same top-level type within 300 m, or the same reported unit, within 7 days; stored once) and list its pairs (staff)."]
            = "为办理中的信访投诉案件提出疑似重复件（7日内同一污染大类且相距不超过300米，或被举报单位相同；只记录一次）并列出（工作人员）。",
        ["Merge the duplicate complaint into this one: it follows this case and its reporter gets this case's reply (enforcement)."]
            = "将重复投诉并入本案件：随本案件合并办理，其举报人同样收到本案件的答复（执法人员）。",
        ["Extend the handling period once by at most 30 days with the approving leader and the reason; the reporter is told (enforcement)."]
            = "经负责人批准延长办理期限一次，最长30日，须填写批准人和理由，并告知举报人（执法人员）。",
        // issue 17 P4: transfer manifests (ManifestsApi)
        ["Transfer manifests the enterprise is a party to (generator, carrier or receiver), newest first; ?state= filters (own enterprise or staff)."]
            = "本企业作为移出人、承运人或接受人参与的转移联单，从新到旧；可按状态（state）筛选（本企业用户或工作人员）。",
        ["Draft a transfer manifest as the generator, from containers and/or lines; the number is allocated per year and city (enterprise user; staff 403)."]
            = "移出人起草转移联单（由容器和/或废物明细生成），联单编号按年度和移出地市分配（企业用户；工作人员 403）。",
        ["One transfer manifest with the actions the enterprise may take now (own enterprise or staff)."]
            = "单张转移联单及本企业当前可执行的操作（本企业用户或工作人员）。",
        ["Take an action on a transfer manifest as its party: submit, pick_up, arrive, accept, accept_partially, reject, record_paper, back_fill, correct (enterprise user; staff 403)."]
            = "以联单当事方身份执行操作：submit 提交、pick_up 承运接收、arrive 运抵、accept 接收、accept_partially 部分接收、reject 拒收、record_paper 登记纸质联单、back_fill 补录、correct 更正（企业用户；工作人员 403）。",
        ["Versions of a transfer manifest: superseded ones with the reason of the correction, then the current one (own enterprise or staff)."]
            = "转移联单的各版本：被更正的历史版本及更正原因，最后为当前版本（本企业用户或工作人员）。",
        ["Every transition of a transfer manifest with party role, who and when (own enterprise or staff)."]
            = "转移联单的每次状态变化，含当事方角色、操作人和时间（本企业用户或工作人员）。",
        ["All transfer manifests, newest first; overdue=true: receipt not confirmed 5 working days after arrival or paper not back-filled in 10 (staff)."]
            = "全部转移联单，从新到旧；overdue=true 仅列超期联单：运抵后 5 个工作日未确认接收，或纸质联单 10 个工作日内未补录（工作人员）。",
        ["Audit entries, newest first; filter by actor, target_type, target_id, action prefix and time [from, to); page, page_size ≤ 500 (admin)."]
            = "审计日志条目，从新到旧；可按操作人（actor）、对象类型（target_type）、对象编号（target_id）、操作前缀（action）和时间 [from, to) 筛选；分页 page、page_size ≤ 500（管理员）。",
        ["Re-verify the SHA-256 chain of the audit trail: intact, or the first altered, deleted or reordered entry (admin)."]
            = "重新校验审计日志的 SHA-256 哈希链：完好，或指出第一条被篡改、删除或调换顺序的条目（管理员）。",
        ["Alerts in status open (未处理, the overview's number) and acknowledged but not closed (已确认) (public)."] = "处于未处理状态的告警数（即总览页的“未处理告警”）与已确认但未关闭的告警数（公开）。",
        ["Alerts, newest condition first; status=open (default: not closed) | all | closed, site=CODE, rule=air_aqi_exceeded | device_offline | water_class_exceeded | device_flag | device_password_failures | source_limit_exceeded | emission_quantity_projected | manifest_receipt_overdue | manifest_discrepancy | waste_stored_over_year | medical_storage_overdue | medical_collection_overdue | complaint_acceptance_overdue | complaint_handling_overdue | complaint_urgent | draw_publication_overdue (bureau staff; docs/alerts.md)."]
            = "告警列表，按条件发生时间从新到旧；status=open（默认：未关闭）| all | closed，site=站点编码，rule=air_aqi_exceeded | device_offline | water_class_exceeded | device_flag | device_password_failures | source_limit_exceeded | emission_quantity_projected | manifest_receipt_overdue | manifest_discrepancy | waste_stored_over_year | medical_storage_overdue | medical_collection_overdue | complaint_acceptance_overdue | complaint_handling_overdue | complaint_urgent | draw_publication_overdue（局内工作人员；见 docs/alerts.md）。",
        ["Open → acknowledged, with who (by, required: 400 without it) and a note (admin). 409 when already acknowledged or closed."]
            = "未处理 → 已确认，须填写确认人（by，缺少时 400）并可附说明（管理员）；已确认或已关闭时 409。",
        ["Open or acknowledged → closed, with who (by, required: 400 without it) and a note (admin). 409 when already closed."]
            = "未处理或已确认 → 已关闭，须填写处理人（by，缺少时 400）并可附说明（管理员）；已关闭时 409。",
        ["Daily AQI for Beijing natural days in [from, to] (inclusive dates, default the last 31 days; limit 3,660 days); optional regime filter; series=reviewed (default, review marks applied) or realtime (as received)."]
            = "北京时间自然日 [from, to] 的日 AQI（含两端日期，默认最近 31 天，最多 3660 天）；可按规则筛选；series=reviewed（默认，审核后）或 realtime（实时发布，按接收值）。",
        ["Hourly AQI for hours starting in [from, to) (ISO instants, at most 3,660 days, at most 10,000 rows; optional regime filter; series=reviewed|realtime; public sites for everyone, HJ 633-2012 §5.1.3 real-time report)."]
            = "开始时间在 [from, to) 内的小时 AQI（ISO 时刻，最多 3660 天、10000 行；可按规则筛选；series=reviewed 审核后 | realtime 实时；公开站点向所有人公开，HJ 633-2012 §5.1.3 实时报）。",
        ["The latest hourly AQI of the site (series=reviewed, the default, or realtime)."] = "站点最新的小时 AQI（series=reviewed 审核后，默认；或 realtime 实时）。",
        ["HJ 663 period assessment of an air site over natural days [from, to] from its stored daily AQI (admin); series=reviewed (default: review marks applied) or realtime."]
            = "按库中已存的日 AQI 对空气站点在自然日 [from, to] 内做 HJ 663 时段评价（管理员）；series=reviewed（默认，审核后）或 realtime（实时）。",
        ["Marks an observation (observation_id) or a station-hour range (site, from, to = hour starts, inclusive; optional parameter) invalid with a reason code (instrument_fault, calibration_maintenance, shutdown, external_interference, other + text). The original values are kept; the affected days are recomputed from the reviewed series."]
            = "把一条监测值（observation_id）或一个站点时段（site、from、to 为小时起点，含两端；可选 parameter）标记为无效，并给出原因代码（instrument_fault 仪器故障、calibration_maintenance 校准/维护、shutdown 停运、external_interference 外部干扰、other 其他并须说明）。原始值保留；受影响的日按审核后数据重算。",
        ["Restores a mark (a new record; the latest record covering a value decides)."] = "恢复一条无效标记（新增一条记录；以覆盖该值的最新记录为准）。",
        ["Review records of a site overlapping [from, to) (ISO 8601 instants, both optional), oldest first, with whether each mark is still in force."]
            = "站点与 [from, to)（ISO 8601 时刻，均可省略）重叠的审核记录，从旧到新，并标明每条标记是否仍然生效。",
        ["HJ 663 period assessment of a set of air stations as one city (hourly mean of the stations, then as a station), e.g. sites=1420A,JB-A-GYQ,JB-A-GC (admin)."]
            = "把一组空气站点作为一个城市做 HJ 663 时段评价（先求各站小时均值，再按单站评价），如 sites=1420A,JB-A-GYQ,JB-A-GC（管理员）。",
        ["Readiness: 200 when the HTTP and HJ 212 listeners are up and the store is reachable, migrated, not full and passed its integrity check; else 503 with the store's state and the check's message."]
            = "就绪检查：HTTP 与 HJ 212 监听均已启动，且数据库可连接、已迁移、磁盘未满并通过完整性检查时返回 200；否则返回 503，并给出数据库状态和检查信息。",
        ["Liveness: 200 while the process answers HTTP (reads no store)."] = "存活检查：进程能响应 HTTP 即返回 200（不访问数据库）。",
        ["Import a published file or an HJ 212 log into the store (admin); same summary as `smartenv import`; `?async=true` answers 202 with an operation."]
            = "把公开数据文件或 HJ 212 报文日志导入数据库（管理员），结果摘要与 `smartenv import` 相同；`?async=true` 时返回 202 和后台任务。",
        ["Long operations (imports, AQI recomputations), newest first, with progress (admin)."] = "后台任务（导入、AQI 重算）列表，从新到旧，含进度（管理员）。",
        ["One long operation with its progress and result (admin)."] = "单个后台任务的进度与结果（管理员）。",
        ["Recompute a site's stored hourly and daily AQI over natural days from…to in the background (admin); 202 with the operation."]
            = "在后台重算站点在自然日 from…to 内的小时与日 AQI（管理员），返回 202 和后台任务。",
        ["Measurements of a site, filtered by parameter code, period (rtd/min/hour/day/moving24h/moving8h/max1h_of24h/max8h_of24h) and [from, to) (ISO 8601 instants), oldest first, with unit and provenance (admin)."]
            = "站点的监测值（每个因子、平均周期和时间一条），按因子编码、平均周期（rtd/min/hour/day/moving24h/moving8h/max1h_of24h/max8h_of24h）和 [from, to)（ISO 8601 时刻）筛选，从旧到新，附单位和来源（管理员）。",
        ["Indicator board for a year: value, source, status and rule, sparkline, history (staff)."] = "某年的指标看板：当年值、来源、状态与评价规则、趋势、历史版本（局内工作人员）。",
        ["Record a reported value as a new version (admin, planning)."] = "录入一个上报值，作为新版本保存（管理员、规划）。",
        ["Set the target the municipality issued for a 市级下达 indicator (admin, planning)."] = "为“市级下达”指标设置市里下达的目标值（管理员、规划）。",
        ["Major projects filtered by category / lead_unit / stage / schedule, with totals (staff)."] = "重大项目列表，可按分类、牵头单位、阶段、进度状态筛选，含投资合计（局内工作人员）。",
        ["One project: row, content, progress reports, stage changes, evaluations (staff)."] = "单个项目：表格行、建设内容、进展报告、阶段变更、绩效评价（局内工作人员）。",
        ["Lifecycle transition (admin, planning)."] = "项目阶段变更（管理员、规划）。",
        ["Progress report (admin, planning)."] = "进展报告（管理员、规划）。",
        ["Performance evaluation (admin, planning)."] = "绩效评价（管理员、规划）。",
        ["Excel export: kind=tables (plan layout, raw cells) or kind=progress (staff)."] = "导出 Excel：kind=tables（规划原表格式与原文单元格）或 kind=progress（进展表）（局内工作人员）。",
        ["Quarantined packets, newest first; limit 1–1,000 (default 100), page with before_id (admin)."] = "隔离报文，从新到旧；limit 为 1–1000（默认 100），用 before_id 翻页（管理员）。",
        ["Quarantined HJ 212 frames counted per source address and reason in quota windows starting in [from, to) (default: the last 24 h), including those beyond the quarantine quota that were not stored; most frames first, at most 1,000 rows (admin)."] = "按来源地址和原因统计的 HJ 212 隔离报文数（配额时段起点在 [from, to) 内，默认最近 24 小时），含超出隔离配额而未存储的报文；按报文数从多到少，最多 1000 行（管理员）。",
        ["All public sites (all sites for bureau staff), with the latest hourly AQI."] = "全部公开站点（局内工作人员可见全部站点），含最新小时 AQI。",
        ["One site by code."] = "按编码查询单个站点。",
        ["Register a site (admin, monitoring)."] = "登记站点（管理员、监测）。",
        ["Replace a site's fields (admin, monitoring)."] = "整体更新站点信息（管理员、监测）。",
        ["Delete a site without data or devices (admin, monitoring)."] = "删除没有数据和数采仪的站点（管理员、监测）。",
        ["Registered HJ 212 loggers (admin, monitoring)."] = "已登记的 HJ 212 数采仪（管理员、监测）。",
        ["Register or update a logger's PW and site (admin, monitoring; idempotent)."] = "登记或更新数采仪的访问密码和所属站点（管理员、监测；幂等）。",
        ["Register or update up to 10,000 loggers in one transaction (admin, monitoring; idempotent; all or nothing)."] = "在一个事务中登记或更新至多 10,000 台数采仪（管理员、监测；幂等；全部成功或全部不写入）。",
        ["Remove a logger (admin, monitoring)."] = "删除数采仪登记（管理员、监测）。",
        // 异常说明 (issue 16 P5).
        ["The enterprise's explanations (异常说明), newest first; ?state= filters (signed in, own enterprise or staff)."] = "企业的异常说明，从新到旧；可按状态（state）筛选（需登录，本企业用户或工作人员）。",
        ["File an explanation (multipart: reason, from_hour, to_hour, text, optional site and file ≤ 10 MiB) (enterprise user; staff 403)."] = "提交异常说明（表单：原因 reason、起止小时 from_hour/to_hour、说明 text，可选排口 site 和不超过 10 MiB 的附件 file）（企业用户；工作人员 403）。",
        ["Accept or reject an explanation; rejecting an accepted one revokes it; a rejection needs a note (staff handling alerts)."] = "采纳或驳回异常说明；驳回已采纳的说明即撤销采纳；驳回须填写理由（处理告警的工作人员）。",
        ["Withdraw an explanation before it is decided (enterprise user; staff 403)."] = "在审核之前撤回异常说明（企业用户；工作人员 403）。",
        ["Download an explanation's attachment after checking its SHA-256 (signed in, own enterprise or staff)."] = "下载异常说明的附件，下载前校验其 SHA-256（需登录，本企业用户或工作人员）。",
        // Enterprise registry (issue 13, part scope).
        ["Enterprises in the caller's scope, filtered by q (name or code), street, industry, category, key_discharger and renewal (ok|due_soon|overdue|expired) (signed in)."]
            = "调用者范围内的企业（工作人员可见全部，企业用户仅见本企业），可按名称或代码（q）、街道（street）、行业（industry）、管理类别（category）、重点排污单位（key_discharger）和续期状态（renewal：ok|due_soon|overdue|expired）筛选（需登录）。",
        ["One enterprise by 统一社会信用代码; 404 outside the caller's scope (signed in)."] = "按统一社会信用代码查询一个企业；不在调用者范围内时返回 404（需登录）。",
        ["The enterprise's pollution-source monitoring sites (signed in)."] = "该企业的污染源监测点（需登录）。",
        // issue 16 P3: registry Excel templates, import, export
        ["Empty Excel template of a registry table: enterprises, permits, outlets or limits (staff)."] = "污染源登记表的空白 Excel 模板：排污单位、排污许可证、排放口或许可排放限值（局内工作人员）。",
        ["The stored registry table as an Excel file in the template's layout (staff)."] = "按模板格式导出已登记的污染源登记表 Excel 文件（局内工作人员）。",
        ["Import a filled Excel template; every row is checked and nothing is stored when any row fails; dry_run=true checks only (staff)."]
            = "导入填写好的 Excel 模板；逐行校验，任一行有误则全部不导入；dry_run=true 时只校验不保存（工作人员）。",
        // issue 16 P4 (outlet monitoring)
        ["An outlet's hours judged against its permit limit, from/to Beijing dates, optional parameter (signed in)."]
            = "排放口按许可浓度限值判定的小时数据，from/to 为北京时间日期，可按监测因子（parameter）筛选（需登录）。",
        ["An outlet's exceeding hours with 超标倍数, from/to Beijing dates (signed in)."] = "排放口的超标小时及超标倍数，from/to 为北京时间日期（需登录）。",
        ["An outlet's emission totals in kg per day, month or year (period=day|month|year), from/to Beijing dates (signed in)."]
            = "排放口按日、月或年汇总的排放量（千克，period=day|month|year），from/to 为北京时间日期（需登录）。",
        ["An outlet's 传输率, 有效率 and 有效传输率 per day or month (period=day|month), from/to Beijing dates (signed in)."]
            = "排放口按日或月的传输率、有效率和有效传输率（period=day|month），from/to 为北京时间日期（需登录）。",
        ["An outlet's latest run-rate projection of each annual permitted quantity (signed in)."] = "排放口各项年许可排放量的最新排放速率预测（需登录）。",
        ["Register an enterprise; 400 naming the position of a bad character of the code (staff)."] = "登记企业；代码有误时返回 400 并指出出错字符的位置（工作人员）。",
        ["Change an enterprise's profile: name, address, street, industry, category, coordinates, contacts (staff)."] = "修改企业档案：名称、地址、街道、行业、管理类别、坐标、联系人（工作人员）。",
        // Permits and execution reports (issue 16 P2).
        ["The enterprise's permits with their current version, outlets, limits and renewal state (signed in)."] = "该企业的排污许可证及其当前版本、排放口、许可限值和续期状态（需登录）。",
        // issue 17 P6 (medical waste)
        ["The institution's medical-waste handovers, newest first; from, to (instants), held=true for those not collected, limit ≤ 1000 (signed in)."]
            = "该医疗机构的医疗废物交接记录，从新到旧；from、to（时刻），held=true 仅列未收运的，limit ≤ 1000（需登录）。",
        ["Record a medical-waste handover into the institution's temporary store (the institution, enforcement staff)."]
            = "登记一次医疗废物交接入暂存间（医疗机构本身、执法人员）。",
        ["The institution's medical-waste collections, newest first; from, to, limit ≤ 1000 (signed in)."]
            = "该医疗机构的医疗废物收运记录，从新到旧；from、to，limit ≤ 1000（需登录）。",
        ["Record a collection that takes held handovers from the temporary store (the institution, enforcement staff)."]
            = "登记一次收运，带走暂存间中尚未收运的交接记录（医疗机构本身、执法人员）。",
        ["The institution's annual medical-waste report: figures from its handovers and the submission, if any (signed in)."]
            = "该医疗机构的医疗废物年度产生情况报告：由交接记录计算的数字及已提交的报告（需登录）。",
        ["Submit the institution's annual medical-waste report for an ended year (the institution, enforcement staff)."]
            = "提交已结束年份的医疗废物年度产生情况报告（医疗机构本身、执法人员）。",
        ["Medical waste per institution for a year (default this year) with indicator #17, the central disposal rate, and its rule (staff)."]
            = "各医疗机构某年（默认今年）的医疗废物情况及规划指标17 城镇医疗废物集中无害化处置率和计算规则（局内工作人员）。",
        ["Register a permit with its first version, outlets and limits; each outlet gets its monitoring site (staff)."] = "登记排污许可证及其首个版本、排放口和许可限值；每个排放口建立其监测点（工作人员）。",
        ["Add a permit version (change, renewal); earlier versions stay readable, omitted fields are copied (staff)."] = "新增许可证版本（变更、延续）；早期版本保留可查，未填写的字段沿用当前版本（工作人员）。",
        ["One version of a permit with its outlets and limits (signed in)."] = "许可证的某一版本及其排放口和许可限值（需登录）。",
        ["The enterprise's execution reports with due date and status due|submitted|overdue|folded (signed in)."] = "该企业的执行报告及截止日期和状态（待提交、已提交、逾期、已合并）（需登录）。",
        ["Record that an execution report was submitted (the enterprise, enforcement staff)."] = "登记执行报告已提交（企业、执法人员）。",
        // issue 17 P2 (parties, facilities, containers, ledger, stock)
        ["The enterprise's hazardous-waste roles, licences and division code (signed in)."] = "该企业的危险废物相关方角色、许可证和行政区划代码（需登录）。",
        ["Set the enterprise's hazardous-waste roles, licences, division code and business-unit flag (staff)."] = "设置该企业的危险废物相关方角色、许可证、行政区划代码及是否为经营单位（工作人员）。",
        ["The enterprise's waste facilities (storage, production, utilisation, disposal, medical temporary store) (signed in)."] = "该企业的危险废物设施（贮存、产生、利用、处置、医疗废物暂存间）（需登录）。",
        ["Register a waste facility; it gets its own site for alerts (the enterprise, enforcement staff)."] = "登记危险废物设施，并为其建立用于告警的站点（企业、执法人员）。",
        ["The enterprise's hazardous-waste containers, newest first; filter by q, code, state, facility (signed in)."] = "该企业的危险废物容器（按产生时间倒序），可按关键字、废物代码、状态、设施筛选（需登录）。",
        ["Record generated hazardous waste in one container: identifier assigned, code checked, quantity in tonnes (the enterprise, enforcement staff)."] = "登记一个容器的危险废物产生：分配数字识别码、核对废物代码、产生量折算为吨（企业、执法人员）。",
        ["One container with its ledger entries (signed in)."] = "一个容器及其台账记录（需登录）。",
        ["Record a ledger stage of a container: stored, removed, self-used or transferred (the enterprise, enforcement staff)."] = "记录容器的台账环节：入库、出库、自行利用处置或委外利用处置（企业、执法人员）。",
        ["The enterprise's hazardous-waste ledger entries in order, optionally from/to Beijing dates (signed in)."] = "该企业的危险废物管理台账记录（按记录顺序，可按北京时间日期起止筛选）（需登录）。",
        ["Stock per storage facility at the end of a Beijing date (default today), replayed from the ledger (signed in)."] = "按台账重算的各贮存设施在某日（北京时间，默认今天）日终的贮存量（需登录）。",
        // issue 17 P1 (national hazardous-waste list)
        ["Codes of the national hazardous-waste list (one edition; default: in force today), filtered by q on code, category, industry or description (signed in)."]
            = "《国家危险废物名录》的废物代码（某一版本，默认今天施行的版本），可用 q 按代码、类别、行业或废物描述筛选（需登录）。",
        ["One code of the national hazardous-waste list with category, industry, description and hazard characteristics; 900-000-XX gives the unlisted view (signed in)."]
            = "《国家危险废物名录》中的一个废物代码及其类别、行业来源、危险废物描述和危险特性；900-000-XX 返回未列入名录的废物（需登录）。",
        // issue 17 P3 (labels)
        ["The container's HJ 1276 label as PDF (size by container volume; QR opens /hw/c/{identifier}) (the enterprise, staff)."]
            = "容器的危险废物标签（HJ 1276）PDF：尺寸按容器容积确定，二维码打开 /hw/c/{identifier}（该企业、工作人员）。",
        ["What a scanned label shows: waste name, category, code, hazard, generator name and generation date (public)."]
            = "扫描标签二维码所见内容：废物名称、类别、代码、危险特性、产生单位名称和产生日期（公开）。",
        // issue 17 P5: management classes, plans, declarations, overview (WasteDeclarationsApi)
        ["The enterprise's hazardous-waste management class for ?year= (HJ 1259-2022 §4.2: computed from annual generation, 3-year max; the bureau's override with its reason) (own enterprise or staff)."]
            = "该企业某年（?year=）的危险废物管理类别（HJ 1259-2022 §4.2：按年产生量计算，取近三年最大值；生态环境部门调整的类别及理由）（本企业用户或工作人员）。",
        ["Set or clear the bureau's management class for a year, with a reason (audited) (enforcement staff)."]
            = "设定或撤销生态环境部门对某年管理类别的调整，须填写理由（记入审计日志）（执法人员）。",
        ["The enterprise's management plan for ?year= with due day (31 March) and status (own enterprise or staff)."]
            = "该企业某年（?year=）的危险废物管理计划及截止日期（3月31日）和状态（本企业用户或工作人员）。",
        ["Submit the year's hazardous-waste management plan; returns the filing number (enterprise user; staff 403)."]
            = "提交本年度危险废物管理计划，返回备案编号（企业用户；工作人员 403）。",
        ["Every filing the enterprise owes for ?year= by its class (plan, monthly, quarterly, annual) with due day and status due|submitted|submitted_late|overdue (own enterprise or staff)."]
            = "该企业按管理类别某年（?year=）应提交的全部材料（管理计划、月度、季度、年度申报）及截止日期和状态（待提交、已提交、逾期提交、逾期）（本企业用户或工作人员）。",
        ["Submit a monthly, quarterly or annual hazardous-waste declaration for a period that has ended (enterprise user; staff 403)."]
            = "提交已结束期间的危险废物月度、季度或年度申报（企业用户；工作人员 403）。",
        ["Filings of last year and this year across generators, ?status=overdue|due|submitted (staff)."]
            = "各产废单位上一年度和本年度的管理计划与申报，?status=overdue（逾期）| due（待提交）| submitted（已提交）（工作人员）。",
        ["Hazardous-waste overview: stock by facility, storage-age histogram (0–90, 91–180, 181–270, 271–365, 366+ days), overdue manifests and declarations, discrepancies (staff)."]
            = "危险废物总览：各设施贮存量、贮存时长分布（0–90、91–180、181–270、271–365、366 天及以上）、超期联单与逾期申报、差异（工作人员）。",
        ["Ledger-vs-manifest reconciliation per confirmed manifest: the generator's ledger 委外 tonnes vs the received tonnes, difference, flagged beyond the tolerance (1 %, at least 0.001 t), ?flagged=true|false (staff)."]
            = "按已确认联单核对台账与联单：产废单位台账委外量与接受量、差值，超出允许偏差（1%，至少 0.001 吨）的标记为异常，?flagged=true|false（工作人员）。",
        // issue 18 P2: complaint intake (ComplaintIntakeApi)
        ["Submit a complaint from the public form (multipart: content, types, address, street, latitude, longitude, occurred_at, reported unit, optional contact, up to 4 photos); 201 with the number and the query code, shown once (anonymous; rate-limited per address)."]
            = "通过公众表单提交信访投诉（multipart：内容、污染类型、地址、街道、纬度、经度、发生时间、被举报单位、可选联系方式、最多 4 张照片）；返回 201 及投诉编号和查询码，查询码仅显示一次（无需登录；按来源地址限制频次）。",
        ["Look a complaint up with its number and query code (JSON {number, code}): state, dates and the reply, never contact data or photos; 404 for an unknown number and a wrong code alike (anonymous; rate-limited per address)."]
            = "凭投诉编号和查询码查询投诉（JSON {number, code}）：办理状态、各项日期和答复，不含联系方式和照片；编号不存在与查询码错误同样返回 404（无需登录；按来源地址限制频次）。",
        ["Register a complaint received by telephone, visit, letter or transfer: the public form's fields plus channel, source_ref and the reporter (JSON or multipart) (enforcement)."]
            = "登记经电话、来访、来信或转办收到的信访投诉：公众表单的各字段，另加来源渠道（channel）、渠道编号（source_ref）和举报人信息（JSON 或 multipart）（执法人员）。",
        ["One photo of a complaint as a JPEG download (re-encoded, no metadata) (staff)."]
            = "下载投诉的一张照片（JPEG，已重新编码，不含元数据）（工作人员）。",
        // issue 18 P4: complaint statistics, hotspots, per-street table (ComplaintStatisticsApi)
        ["Monthly complaint bulletin for ?month=yyyy-MM (default the previous month): totals, by channel, pollution type and sub-type, street, industry section and status, overdue, verified and satisfaction rates, month-on-month and year-on-year (staff)."]
            = "信访投诉月度统计（?month=yyyy-MM，默认上月）：举报件数，按渠道、污染类型及细类、街道、行业门类和办理状态统计，超期件数、属实率、满意率，环比和同比（工作人员）。",
        ["The monthly complaint bulletin as an Excel workbook, one sheet per table, without reporter data (staff)."]
            = "导出信访投诉月度统计 Excel 工作簿，每张统计表一个工作表，不含举报人信息（工作人员）。",
        ["Complaint hotspots: located cases of ?from= to ?to= (default the last 90 days), optionally of one ?type=, clustered into square grid cells of ?cell= metres (default 500) (staff)."]
            = "信访投诉热点：?from= 至 ?to=（默认近 90 天）有位置的案件，可按污染类型（?type=）筛选，按边长 ?cell= 米（默认 500）的方格网聚合（工作人员）。",
        ["Complaints per street or town of ?from= to ?to= (default the last 90 days): cases, accepted, closed, overdue, verified and per pollution type (staff)."]
            = "各街道（镇）信访投诉统计（?from= 至 ?to=，默认近 90 天）：件数、受理、已办结、超期、属实及各污染类型件数（工作人员）。",
        // issue 18 P5: Open311 GeoReport v2 (Open311Api)
        ["Open311 service discovery: the GeoReport v2 endpoint, its formats (xml, json) and how to get an api_key (public)."]
            = "Open311 服务发现：GeoReport v2 接口地址、支持的格式（xml、json）及 api_key 的申请方式（公开）。",
        ["Open311 GeoReport v2 service list: one service per pollution type, service_code = the type code (public)."]
            = "Open311 GeoReport v2 服务列表：每种污染类型一项服务，service_code 即污染类型代码（公开）。",
        ["Open311 GeoReport v2 service definition: the optional attributes occurred_at, reported_name, reported_uscc (public)."]
            = "Open311 GeoReport v2 服务定义：可选属性 occurred_at（发生时间）、reported_name（被举报单位名称）、reported_uscc（被举报单位统一社会信用代码）（公开）。",
        ["Open311 GeoReport v2: file a complaint (form-urlencoded, api_key required; the public form's validation and per-address rate limit); answers the case number."]
            = "Open311 GeoReport v2：提交信访投诉（form-urlencoded，须提供 api_key；与公众表单相同的校验和按来源地址的频次限制）；返回投诉编号。",
        ["Open311 GeoReport v2: requests filed through Open311, by service_request_id, service_code, start_date/end_date (≤ 90 days), status; no text or contact data (public)."]
            = "Open311 GeoReport v2：经 Open311 提交的投诉，可按 service_request_id、service_code、start_date/end_date（不超过 90 天）、status 查询；不含投诉内容和联系方式（公开）。",
        ["Open311 GeoReport v2: one request filed through Open311, its status, reply and dates; no text or contact data (public)."]
            = "Open311 GeoReport v2：经 Open311 提交的单件投诉的状态、答复和各项日期；不含投诉内容和联系方式（公开）。",
    };

    /// <summary>Registers both OpenAPI documents.</summary>
    /// <param name="services">Services.</param>
    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(Chinese, o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "SmartEnv 智能环保平台接口";
                doc.Info.Description = "监测站点、监测数据、AQI 序列、评价、导入、规划、告警与隔离报文。写操作和非公开数据的读取需要登录或个人访问令牌："
                    + "`Authorization: Bearer 令牌`（`smartenv users token 用户名` 签发；各角色的权限见 docs/security.md）。English: /scalar?culture=en-US 或 /openapi/en.json。";
                // Tags by their Chinese names: in the list of tags and in every operation that refers to one.
                string Zh(string? name) => name is not null && TagsZh.TryGetValue(name, out var zh) ? zh : name ?? "";
                foreach (var path in doc.Paths.Values)
                    foreach (var op in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                        if (op.Tags is { Count: > 0 } tags)
                            op.Tags = new HashSet<OpenApiTagReference>(tags.Select(t => new OpenApiTagReference(Zh(t.Name), doc)));
                if (doc.Tags is { Count: > 0 } docTags)
                    doc.Tags = new HashSet<OpenApiTag>(docTags.Select(t => new OpenApiTag { Name = Zh(t.Name), Description = t.Description }));
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((op, _, _) =>
            {
                if (op.Summary is { } s && SummariesZh.TryGetValue(s, out var zh)) op.Summary = zh;
                return Task.CompletedTask;
            });
        });
        services.AddOpenApi(English, o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "SmartEnv API";
            doc.Info.Description = "Sites, observations, AQI series, assessments, imports, the plan, alerts and quarantine of the SmartEnv "
                + "monitoring store. Write endpoints and non-public reads need a signed-in account or a personal access token: "
                + "`Authorization: Bearer TOKEN` (`smartenv users token NAME`; what each role may do: docs/security.md). 中文：/scalar 或 /openapi/v1.json。";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Maps <c>/openapi/{document}.json</c> and the offline Scalar reference at <c>/scalar</c>.</summary>
    /// <param name="app">The application.</param>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference((o, http) =>
        {
            var zh = IsChinese(http);
            o.WithTitle(zh ? "SmartEnv 接口文档" : "SmartEnv API reference")
                .AddDocument(Chinese, "中文", isDefault: zh)
                .AddDocument(English, "English", isDefault: !zh)
                .DisableDefaultFonts()   // Inter / JetBrains Mono come from a CDN otherwise
                .DisableAgent()          // vendor AI chat
                .DisableMcp()
                .DisableTelemetry()
                .HideClientButton()      // "download a client / SDK" button
                .HideDeveloperTools()
                .WithLocalization(new ScalarLocalizationOptions { Locale = zh ? "zh" : "en" });
        }).AllowAnonymous();
        return app;
    }

    /// <summary>True when the request asks for Chinese: the UI culture of the request (query <c>culture</c>, then the
    /// culture cookie, default zh-CN), as the UI decides it.</summary>
    private static bool IsChinese(HttpContext http)
    {
        var q = http.Request.Query["culture"].ToString();
        if (q.Length > 0) return q.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var cookie = http.Request.Cookies[Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName];
        var parsed = cookie is null ? null : Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.ParseCookieValue(cookie);
        return parsed is null || parsed.UICultures.Count == 0 || parsed.UICultures[0].Value!.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
    }
}
