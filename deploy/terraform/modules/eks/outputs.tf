output "cluster_name" {
  description = "The cluster's name (aws eks update-kubeconfig --name ...)."
  value       = aws_eks_cluster.this.name
}

output "cluster_endpoint" {
  description = "The Kubernetes API endpoint."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_certificate_authority" {
  description = "The API server's CA certificate, base64."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "cluster_security_group_id" {
  description = "The security group EKS attaches to the control plane and managed nodes (RDS and ElastiCache admit it)."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "oidc_provider_arn" {
  description = "ARN of the IAM OIDC provider, for IRSA trust policies."
  value       = aws_iam_openid_connect_provider.this.arn
}

output "oidc_issuer" {
  description = "The OIDC issuer without https://, for IRSA trust policy conditions."
  value       = local.oidc_issuer
}

output "cluster_autoscaler_role_arn" {
  description = "IAM role for the cluster autoscaler's ServiceAccount (kube-system/cluster-autoscaler)."
  value       = aws_iam_role.cluster_autoscaler.arn
}

output "node_role_arn" {
  description = "IAM role of the worker nodes."
  value       = aws_iam_role.node.arn
}

output "cert_manager_role_arn" {
  description = "IAM role for cert-manager's ServiceAccount (cert-manager/cert-manager), when hosted zones were given."
  value       = try(aws_iam_role.cert_manager[0].arn, null)
}
