variable "domain" {
  type        = string
  description = "The public domain; its Route 53 hosted zone is created by the global root."
  default     = "pathavana.com"
}

variable "cost_center" {
  type        = string
  description = "Cost centre tag on every resource (the platform document: Engineering, Operations, Security)."
  default     = "engineering"
}

variable "alert_emails" {
  type        = list(string)
  description = "Who receives budget and cost-anomaly alerts and the origin health check's alarm."
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the cluster and its node groups (docs/runbooks/kubernetes-upgrade.md: dev first, then staging, then production)."
  default     = "1.32"
}

variable "monthly_budget_usd" {
  type        = number
  description = "Monthly budget (the platform document estimates ~100 a month for development)."
  default     = 250
}

variable "eks_public_access_cidrs" {
  type        = list(string)
  description = "Networks allowed to reach the Kubernetes API (operators' VPN, CI runners). Empty: private endpoint only."
}

variable "ingress_load_balancer_hostname" {
  type        = string
  description = "DNS name of the NGINX ingress controller's load balancer, known after it is installed (docs/deploy.md step 5). Null: no CloudFront and no public records yet."
  default     = null
}
