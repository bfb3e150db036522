variable "name" {
  type        = string
  description = "Name prefix of the roles, the group and the policy, e.g. pathavana-production."
}

variable "mfa_max_age_seconds" {
  type        = number
  description = "How long ago, at most, the person must have used MFA to assume a role, in seconds."
  default     = 3600
}

variable "session_duration_seconds" {
  type        = number
  description = "Longest session of an assumed role, in seconds."
  default     = 3600
}
