output "operator_role_arn" {
  description = "The administrators' role (aws eks update-kubeconfig --role-arn <this>)."
  value       = aws_iam_role.operator.arn
}

output "readonly_role_arn" {
  description = "The read-only role."
  value       = aws_iam_role.readonly.arn
}

output "operators_group" {
  description = "IAM group of the people who may assume the roles (add users to it)."
  value       = aws_iam_group.operators.name
}

output "require_mfa_policy_arn" {
  description = "The policy denying everything to sessions without MFA."
  value       = aws_iam_policy.require_mfa.arn
}
