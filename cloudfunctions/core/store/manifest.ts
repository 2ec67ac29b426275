/**
 * The collections manifest: every collection and its indexes. The embedded store builds these indexes as real
 * SQLite indexes, and `npm run cloud:setup` creates them in a CloudBase environment. A feature adds its
 * collections here.
 *
 * Index keys hold scalars (strings, numbers, booleans, null) unless the index says `multikey: true`: then its
 * FIRST key holds an array (an org path, a list of ids) and every element is indexed, as MongoDB does. The
 * embedded store refuses a write that puts an array into any other indexed field (declare the index multikey
 * instead); a field is multikey in every index that names it, or in none.
 */
export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** The first key holds an array: each element is an index entry. Not combinable with `unique`. */
  multikey?: boolean;
}

export interface CollectionSpec {
  name: string;
  description: string;
  indexes: IndexSpec[];
}

export const COLLECTIONS: CollectionSpec[] = [
  { name: 'users', description: '登记人员（实名信息只存哈希与后四位）', indexes: [
    { name: 'openid_unique', keys: { openid: 1 }, unique: true },
    { name: 'org', keys: { orgPath: 1 }, multikey: true },
    { name: 'idHash_unique', keys: { idHash: 1 }, unique: true },
    { name: 'staffOrg', keys: { staffOrgId: 1 } },
  ] },
  { name: 'orgs', description: '工会组织树', indexes: [
    { name: 'parent', keys: { parentId: 1 } },
    { name: 'path', keys: { path: 1 }, multikey: true },
  ] },
  { name: 'honours', description: '劳模工匠荣誉登记册', indexes: [
    { name: 'idHash', keys: { idHash: 1 } },
    { name: 'linkedUser', keys: { linkedUserId: 1 } },
    { name: 'orgPath', keys: { orgPath: 1 }, multikey: true },
    { name: 'import', keys: { importId: 1, createdAt: 1 } },
  ] },
  { name: 'hospitals', description: '合作医院', indexes: [
    { name: 'honouredOrgs', keys: { honouredOrgIds: 1 }, multikey: true },
  ] },
  { name: 'greencard_cards', description: '医疗绿通卡', indexes: [
    { name: 'holderOrgPath', keys: { holderOrgPath: 1, appliedAt: -1 }, multikey: true },
    { name: 'issuer', keys: { issuerOrgId: 1, status: 1 } },
    { name: 'cardNo_unique', keys: { cardNo: 1 }, unique: true },
    { name: 'updated', keys: { updatedAt: 1 } },
    { name: 'status_validUntil', keys: { status: 1, validUntil: 1 } },
    { name: 'scope_status', keys: { holderOrgPath: 1, status: 1 }, multikey: true },
    { name: 'applied', keys: { appliedAt: 1 } },
  ] },
  { name: 'greencard_holders', description: '每人当前的绿通卡（保证每人只有一张在用的卡）', indexes: [] },
  { name: 'greencard_counters', description: '绿通卡卡号序列', indexes: [] },
  { name: 'greencard_policies', description: '发卡工会的申领条件与有效期', indexes: [] },
  { name: 'greencard_visits', description: '绿色通道就诊记录（每个码每家医院只记一次）', indexes: [
    { name: 'user', keys: { userId: 1, at: -1 } },
    { name: 'scopeMonth', keys: { holderOrgPath: 1, month: 1 }, multikey: true },
    { name: 'hospitalMonth', keys: { hospitalId: 1, month: 1 } },
    { name: 'month', keys: { month: 1 } },
  ] },
  { name: 'greencard_attempts', description: '核验端短码尝试次数（每人每小时，过期的由定时任务清理）', indexes: [
    { name: 'hour', keys: { hour: 1 } },
  ] },
  { name: 'trips', description: '疗休养线路（草稿、已发布、已关闭）', indexes: [
    { name: 'org_status', keys: { orgId: 1, status: 1, opensAt: 1 } },
    { name: 'orgPath', keys: { orgPath: 1, createdAt: -1 }, multikey: true },
    { name: 'updated', keys: { updatedAt: 1 } },
  ] },
  { name: 'trip_sessions', description: '疗休养期次与剩余名额（条件扣减，不会超卖）', indexes: [
    { name: 'trip', keys: { tripId: 1 } },
    { name: 'touched', keys: { touchedAt: 1 } },
  ] },
  { name: 'trip_signups', description: '疗休养报名（每人每个疗休养一条：tripId_userId）', indexes: [
    { name: 'session_status_wait', keys: { sessionId: 1, status: 1, waitNo: 1 } },
    { name: 'user', keys: { userId: 1, createdAt: -1 } },
    { name: 'status_offer', keys: { status: 1, offerExpiresAt: 1 } },
    { name: 'scope_status', keys: { tripOrgPath: 1, status: 1 }, multikey: true },
    { name: 'updated', keys: { updatedAt: 1 } },
    { name: 'depart_status', keys: { departDate: 1, status: 1 } },
  ] },
  { name: 'trip_counters', description: '每个期次的候补号计数器', indexes: [] },
  { name: 'trip_year_claims', description: '每人每年一次疗休养的占位（userId_年份）', indexes: [
    { name: 'at', keys: { at: 1 } },
  ] },
  { name: 'trip_people', description: '个人参加疗休养的记录（用于近年未参加优先）', indexes: [] },
  { name: 'trip_draws', description: '公开的抽签结果（种子与报名名单，可复核）', indexes: [] },
  { name: 'hardship_cases', description: '困难帮扶申请（本人、工会代办、下派核实、年度复核；办理路径上的工会可见）', indexes: [
    { name: 'route_status', keys: { routeOrgIds: 1, status: 1 }, multikey: true },
    { name: 'step_status', keys: { stepOrgId: 1, status: 1 } },
    { name: 'deciding_status', keys: { decidingOrgPath: 1, status: 1 }, multikey: true },
    { name: 'user', keys: { userId: 1, updatedAt: -1 } },
    { name: 'filer', keys: { filerId: 1, updatedAt: -1 } },
    { name: 'person_year', keys: { idHash: 1, year: 1 } },
    { name: 'notice_end', keys: { status: 1, noticeEndsAt: 1 } },
    { name: 'notice_org', keys: { status: 1, decidingOrgId: 1 } },
    { name: 'updated', keys: { updatedAt: 1 } },
    // The staff workspace (ADR 0017): the member's subtree by status and stage; steps overdue below an org; amounts
    // by month (a month's range of one plain index, the subtree checked on it: a multikey index serves equalities only).
    { name: 'scope_status', keys: { orgPath: 1, status: 1, stepKind: 1 }, multikey: true },
    { name: 'steppath_status', keys: { stepOrgPath: 1, status: 1 }, multikey: true },
    { name: 'decided_at', keys: { decidedAt: 1 } },
    { name: 'paid_at', keys: { paidAt: 1 } },
  ] },
  { name: 'hardship_slots', description: '每人每个救助项目每年一份申请的占位（身份证哈希_项目_年份）', indexes: [
    { name: 'at', keys: { at: 1 } },
  ] },
  { name: 'hardship_views', description: '工作人员查看困难帮扶申请详情的记录（谁、何时、哪一份）', indexes: [
    { name: 'case', keys: { caseId: 1, at: -1 } },
    { name: 'user', keys: { userId: 1, at: -1 } },
  ] },
  { name: 'hardship_configs', description: '各县级及以上工会按年度设置的帮扶标准（低保、审批层级、时限、公示、分档标准）', indexes: [] },
  { name: 'audit', description: '操作留痕（只增不删）', indexes: [
    { name: 'target', keys: { targetId: 1, at: -1 } },
    { name: 'actor', keys: { actorId: 1, at: -1 } },
    { name: 'request', keys: { requestId: 1, action: 1 } },
  ] },
  { name: 'requests', description: '幂等请求记录（同一 requestId 只执行一次，一天后过期）', indexes: [
    { name: 'expires', keys: { expiresAt: 1 } },
  ] },
  { name: 'transfers', description: '人员调动申请（由调入工会或共同上级确认）', indexes: [
    { name: 'user', keys: { userId: 1, createdAt: -1 } },
    { name: 'to_status', keys: { toOrgPath: 1, status: 1 }, multikey: true },
  ] },
  { name: 'transfer_slots', description: '每人同时只有一条待确认的调动申请', indexes: [] },
  { name: 'files', description: '上传的文件（申请材料、走访与送达照片），附在记录上后按记录权限给出短时链接', indexes: [
    { name: 'attached', keys: { 'attachedTo.id': 1 } },
  ] },
  { name: 'notices', description: '消息中心与订阅消息的发件箱（与状态变化同一步写入，按编号只发一次）', indexes: [
    { name: 'user_time', keys: { userId: 1, at: -1 } },
    { name: 'user_unread', keys: { userId: 1, read: 1 } },
    { name: 'push_due', keys: { push: 1, nextAttemptAt: 1 } },
  ] },
  { name: 'hardship_households', description: '困难职工家庭档案（建档、复核、脱困），微心愿只面向在档家庭', indexes: [
    { name: 'user_status', keys: { userId: 1, status: 1 } },
    { name: 'org_status', keys: { orgPath: 1, status: 1 }, multikey: true },
    { name: 'recheck', keys: { status: 1, recheckDueOn: 1 } },
  ] },
  { name: 'notice_subscriptions', description: '每人每类微信订阅消息的剩余次数（一次性订阅：同意一次发一次）', indexes: [
    { name: 'user', keys: { userId: 1 } },
  ] },
  { name: 'wechat_outbox', description: '本地演示与测试：发到“微信”的订阅消息（正式环境不用）', indexes: [
    { name: 'touser', keys: { touser: 1, at: -1 } },
    { name: 'key', keys: { key: 1, errcode: 1 } },
  ] },
  { name: 'wishes', description: '微心愿（困难职工家庭的心愿：登记、审核、心愿池、认领、送达、确认）', indexes: [
    // The pool: one key per pool and per pool + category while the wish waits in it (empty otherwise).
    { name: 'browse_deadline', keys: { browse: 1, neededBy: 1 }, multikey: true },
    { name: 'browse_newest', keys: { browse: 1, publishedAt: -1 }, multikey: true },
    { name: 'scope_status', keys: { orgPath: 1, status: 1, updatedAt: -1 }, multikey: true },
    { name: 'vet_status', keys: { vetPath: 1, status: 1, createdAt: 1 }, multikey: true },
    { name: 'past_claimers', keys: { pastClaimers: 1, updatedAt: -1 }, multikey: true },
    { name: 'claim_due', keys: { status: 1, claimDueAt: 1 } },
    { name: 'volunteer', keys: { volunteerId: 1, status: 1, updatedAt: -1 } },
    { name: 'household', keys: { householdId: 1, createdAt: -1 } },
    { name: 'household_user', keys: { householdUserId: 1, status: 1 } },
    { name: 'pool_status', keys: { poolId: 1, status: 1 } },
    { name: 'completed', keys: { status: 1, completedAt: -1 } },
    { name: 'updated', keys: { updatedAt: 1 } },
    // The staff workspace (ADR 0017): each step by month — a month's range of one plain index, the household's
    // subtree checked on it (a multikey index serves equalities only).
    { name: 'created_at', keys: { createdAt: 1 } },
    { name: 'published_at', keys: { publishedAt: 1 } },
    { name: 'claimed_at', keys: { 'claim.at': 1 } },
    { name: 'completed_at', keys: { completedAt: 1 } },
  ] },
  { name: 'wish_policies', description: '各地的心愿规则（价值上限、审核层级、心愿池范围、认领上限与期限、积分）', indexes: [] },
  { name: 'wish_volunteers', description: '志愿者同时认领的心愿（名额账：每人最多 N 个未完成的认领）', indexes: [
    { name: 'touched', keys: { touchedAt: 1 } },
  ] },
  { name: 'wish_allowances', description: '每户每年的心愿名额（户_年份）', indexes: [
    { name: 'touched', keys: { touchedAt: 1 } },
  ] },
  { name: 'wish_points', description: '志愿积分（每个心愿只记一次）', indexes: [
    { name: 'scope_total', keys: { orgPath: 1, total: -1 }, multikey: true },
  ] },
  { name: 'wish_wall', description: '心愿墙的统计快照（定时刷新）', indexes: [] },
  { name: 'system', description: '系统标记（例如演示数据是否已写入：system/seed）', indexes: [] },
];

/** The collection of system markers, and the marker saying the demo seed has run (or must never run). */
export const SYSTEM_COLLECTION = 'system';
export const SEED_MARKER_ID = 'seed';

