output "vpc_id" {
  description = "The VPC's id."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "The VPC's IPv4 range."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "Public subnet ids, in availability zone order."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnet ids, in availability zone order."
  value       = aws_subnet.private[*].id
}

output "private_subnet_cidrs" {
  description = "Private subnet ranges (what the Kubernetes NetworkPolicy for RDS and ElastiCache allows)."
  value       = aws_subnet.private[*].cidr_block
}

output "nat_public_ips" {
  description = "Public addresses the cluster's outbound traffic leaves from (for vendor allow lists)."
  value       = aws_eip.nat[*].public_ip
}
