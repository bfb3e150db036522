variable "cluster_name" {
  type        = string
  description = "EKS cluster name, e.g. pathavana-production."
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the control plane and node groups."
  default     = "1.32"
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets for the control plane's network interfaces and the nodes (one per availability zone)."
}

variable "public_access_cidrs" {
  type        = list(string)
  description = "Networks allowed to reach the public Kubernetes API endpoint (operators, CI). Empty disables public access."
}

variable "node_instance_types" {
  type        = list(string)
  description = "Instance types of both node groups (the platform document: t3.medium)."
  default     = ["t3.medium"]
}

variable "on_demand_min_size" {
  type        = number
  description = "Fewest on-demand nodes."
  default     = 2
}

variable "on_demand_desired_size" {
  type        = number
  description = "On-demand nodes at creation; afterwards the cluster autoscaler owns the number."
  default     = 3
}

variable "on_demand_max_size" {
  type        = number
  description = "Most on-demand nodes."
  default     = 10
}

variable "spot_min_size" {
  type        = number
  description = "Fewest spot nodes."
  default     = 0
}

variable "spot_max_size" {
  type        = number
  description = "Most spot nodes (interruptible capacity for non-critical work)."
  default     = 5
}

variable "taint_spot_nodes" {
  type        = bool
  description = "Taint spot nodes so that only pods tolerating pathavana.io/spot run there. False lets any pod use them (dev)."
  default     = true
}

variable "node_disk_size_gb" {
  type        = number
  description = "Root volume size of each node, in GiB."
  default     = 40
}

variable "log_retention_days" {
  type        = number
  description = "Days the control plane's audit and API logs are kept."
  default     = 90
}

variable "cert_manager_hosted_zone_arns" {
  type        = list(string)
  description = "Route 53 hosted zones cert-manager may write ACME DNS-01 challenge records to (the ingress's TLS certificate)."
  default     = []
}

variable "access_entries" {
  type = map(object({
    principal_arn = string
    access_policy = string
  }))
  description = "Who may use the cluster: IAM principals (roles people assume with MFA) and their access policy, cluster-admin or view."
  default     = {}

  validation {
    condition     = alltrue([for e in values(var.access_entries) : contains(["cluster-admin", "view"], e.access_policy)])
    error_message = "access_policy is cluster-admin or view."
  }
}
