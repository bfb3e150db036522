variable "domain" {
  type        = string
  description = "The public domain; a Route 53 hosted zone is created for it (delegate to its name servers at the registrar)."
  default     = "pathavana.com"
}

variable "cost_center" {
  type        = string
  description = "Cost centre tag on every resource."
  default     = "operations"
}

variable "github_repository" {
  type        = string
  description = "owner/name of the GitHub repository whose workflows may push images (OIDC, no stored keys)."
  default     = "pathavana/pathavana"
}
