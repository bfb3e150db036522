variable "name" {
  type        = string
  description = "Replication group id, e.g. pathavana-production."
}

variable "engine_version" {
  type        = string
  description = "Redis engine version (major 7, as the platform document says)."
  default     = "7.1"

  validation {
    condition     = startswith(var.engine_version, "7.")
    error_message = "Pathavana runs on Redis 7."
  }
}

variable "node_type" {
  type        = string
  description = "Node type: cache.t3.micro (dev), cache.t3.small (staging), cache.t3.medium (production)."
}

variable "multi_az" {
  type        = bool
  description = "A replica in a second availability zone with automatic failover (production)."
}

variable "vpc_id" {
  type        = string
  description = "VPC the cache lives in."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets for the cache subnet group."
}

variable "allowed_security_group_ids" {
  type        = list(string)
  description = "Security groups allowed to connect on 6379 (the EKS cluster security group)."
}

variable "snapshot_retention_days" {
  type        = number
  description = "Days automatic snapshots are kept."
  default     = 7
}

variable "snapshot_window" {
  type        = string
  description = "Daily snapshot window, UTC."
  default     = "02:00-03:00"
}

variable "maintenance_window" {
  type        = string
  description = "Weekly maintenance window, UTC."
  default     = "sun:05:30-sun:06:30"
}
