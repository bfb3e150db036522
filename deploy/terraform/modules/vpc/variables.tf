variable "name" {
  type        = string
  description = "Name prefix for every resource, e.g. pathavana-production."
}

variable "cidr_block" {
  type        = string
  description = "The VPC's IPv4 range (the platform document: 10.0.0.0/16)."
  default     = "10.0.0.0/16"
}

variable "azs" {
  type        = list(string)
  description = "Availability zones, one public and one private subnet each (three in the platform document)."
}

variable "public_subnet_cidrs" {
  type        = list(string)
  description = "Public subnets (load balancers, NAT gateways), one per availability zone, in azs order."
  default     = ["10.0.10.0/24", "10.0.11.0/24", "10.0.12.0/24"]
}

variable "private_subnet_cidrs" {
  type        = list(string)
  description = "Private subnets (EKS nodes and pods, RDS, ElastiCache), one per availability zone, in azs order."
  default     = ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]
}

variable "single_nat_gateway" {
  type        = bool
  description = "One NAT gateway for all private subnets (cheaper; egress stops if its zone fails) instead of one per zone."
  default     = true
}

variable "cluster_name" {
  type        = string
  description = "EKS cluster whose load balancers and nodes use these subnets (subnet discovery tags)."
}

variable "flow_log_retention_days" {
  type        = number
  description = "Days VPC flow logs are kept in CloudWatch Logs."
  default     = 30
}
