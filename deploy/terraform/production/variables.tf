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
  description = "Who receives budget and cost-anomaly alerts, P3 alerts and the origin health check's alarm (each address confirms its SNS subscription once)."
}

variable "alert_sms_numbers" {
  type        = list(string)
  description = "On-call phone numbers (E.164) that receive P0 alerts by SMS."
  default     = []
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the cluster and its node groups (docs/runbooks/kubernetes-upgrade.md)."
  default     = "1.32"
}

variable "dr_ingress_load_balancer_hostname" {
  type        = string
  description = "DNS name of the ingress load balancer in us-west-2 once the application runs there (docs/deploy.md, Disaster recovery). Set: the public names fail over to it when the origin's health check fails."
  default     = null
}

variable "monthly_budget_usd" {
  type        = number
  description = "Monthly budget (the platform document: 1000 for production)."
  default     = 1000
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
