/** Roles a caller can hold. `model_worker` is derived from confirmed honours, never granted by hand. */
export const ROLES = ['worker', 'model_worker', 'volunteer', 'staff', 'hospital_staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that staff may grant or remove by hand (model_worker is derived; admin is set at deployment). */
export const GRANTABLE_ROLES = ['worker', 'volunteer', 'staff', 'hospital_staff'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  worker: '职工',
  model_worker: '劳模工匠',
  volunteer: '志愿者',
  staff: '工会工作人员',
  hospital_staff: '医院工作人员',
  admin: '系统管理员',
};

/**
 * Who may call an action:
 * - 'public': anyone, even without an openid;
 * - 'signedIn': anyone with an openid (registered or not);
 * - a list of roles: a registered person holding at least one of them.
 */
export type Access = 'public' | 'signedIn' | readonly Role[];

// ---- Role groups: who may call an action (the registry's `access`), named once.

/** Union staff and the administrator: the staff side of every feature. */
export const STAFF_ROLES = ['staff', 'admin'] as const satisfies readonly Role[];
/** Everyone registered who uses the member services (everyone but hospital desk staff). */
export const MEMBER_ROLES = ['worker', 'model_worker', 'volunteer', 'staff', 'admin'] as const satisfies readonly Role[];
/** Every registered person, whatever their role. */
export const REGISTERED_ROLES = ROLES;
/** Hospital desk clerks. */
export const HOSPITAL_ROLES = ['hospital_staff'] as const satisfies readonly Role[];
